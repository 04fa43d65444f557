import type { Flow } from '../flow/index.ts';
import type { RunEventBody } from './events.ts';
import type { EffectRecord, Services } from './contract/index.ts';
import type { Run } from './run.ts';
import type { RunStore } from './store.ts';

/** Undoes one completed effect; resolves false when its capability declares no compensation. */
export type Compensator = (
  effect: EffectRecord,
  flow: Flow,
  services: Services,
  log: (event: RunEventBody) => void,
) => Promise<boolean>;

/**
 * Settles an effect whose outcome is unknown (its ledger entry still `started`): retried with its
 * key when the remote dedupes, otherwise a person says whether it happened. Leaves the entry
 * `completed` or `failed`.
 */
export type Settler = (
  effect: EffectRecord,
  flow: Flow,
  services: Services,
  log: (event: RunEventBody) => void,
) => Promise<void>;

/**
 * Settles every effect of the run whose outcome is unknown, oldest first, before the run may end:
 * a run never ends with a `started` effect in its ledger, and compensation then sees what
 * happened.
 */
export async function settleRun(
  store: RunStore,
  settle: Settler | undefined,
  services: Services,
  run: Run,
): Promise<void> {
  if (!settle) return;
  for (const effect of await store.effects(run.runId)) {
    if (effect.status === 'started')
      await settle(effect, run.flow, services, (event) => run.emit(event, null));
  }
}

type CompensationOutcome = 'none' | 'compensated' | 'failed';

/**
 * Undoes a run's completed effects, newest first, each once: an undone effect is marked in the
 * ledger, so a second pass (after a crash, or a second roll-back) skips it. Any compensation that
 * fails makes the outcome `failed`, never `compensated`.
 */
export async function compensateRun(
  store: RunStore,
  compensate: Compensator | undefined,
  services: Services,
  run: Run,
): Promise<CompensationOutcome> {
  if (!compensate) return 'none';
  const effects = (await store.effects(run.runId))
    .filter((e) => e.status === 'completed' && !e.compensatedBy)
    .reverse();
  let undone = 0;
  let failed = false;
  for (const effect of effects) {
    try {
      if (await compensate(effect, run.flow, services, (event) => run.emit(event, null))) {
        undone++;
        // The log says it was undone before the ledger does, so a crash between the two cannot
        // leave an undo the ledger skips and the log never tells.
        await run.flushed();
        await store.putEffect({ ...effect, compensatedBy: `compensate:${effect.key}` });
      }
    } catch {
      failed = true;
    }
  }
  return failed ? 'failed' : undone > 0 ? 'compensated' : 'none';
}
