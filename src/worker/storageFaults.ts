import type { Clock, Engine } from '../engine/index.ts';
import type { StreamBody } from '../protocol/index.ts';

/**
 * Whether a store error has the given name, or what it wraps: the DOMException Dexie keeps in
 * `inner`, the error a store's own message keeps as `cause`.
 */
function isNamed(error: unknown, name: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    if ('name' in e && e.name === name) return true;
    e = 'inner' in e && e.inner ? e.inner : 'cause' in e ? e.cause : undefined;
  }
  return false;
}

const isQuotaError = (error: unknown) => isNamed(error, 'QuotaExceededError');

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 60_000;

/**
 * A run stopped by a full disk stays where its last durable write left it (every write is queued
 * in order, so nothing after the failed one landed). The page is told what happened and what to
 * free, and the run is resumed, less and less often, until its writes fit again. A database
 * deleted or closed under us is told once, as soon as it is known (`cleared`, which the store's
 * own close notice calls too) or when a run meets it, and nothing is retried.
 * @returns `cleared`, to call when the store says it was closed under us.
 */
export function resumeWhenStorageFrees(
  engine: Engine,
  clock: Clock,
  notify: (message: StreamBody) => void,
): { cleared(runId?: string): void } {
  const tries = new Map<string, number>();
  let toldClosed = false;
  const cleared = (runId = '') => {
    if (toldClosed) return;
    toldClosed = true;
    notify({
      kind: 'notice',
      runId,
      fault: 'cleared',
      text: "This workspace's storage was cleared or closed (by another tab, the browser's site data settings, or eviction): runs stopped. Reload the page; if your flows are gone, restore them from a backup or exported files.",
    });
  };
  engine.onHalted((runId, error) => {
    // The database was deleted or closed under us (another tab's "clear site data", eviction):
    // nothing here can be resumed, so say so once and retry nothing.
    if (isNamed(error, 'DatabaseClosedError') || isNamed(error, 'InvalidStateError')) {
      cleared(runId);
      return;
    }
    if (!isQuotaError(error)) return;
    const n = tries.get(runId) ?? 0;
    tries.set(runId, n + 1);
    if (n === 0)
      notify({
        kind: 'notice',
        runId,
        fault: 'full',
        text: `This site's storage is full: the run stopped at its last saved step, nothing half-written. Free space (delete old runs or flows, or clear other sites' data in the browser's settings); the run continues by itself once it fits.`,
      });
    clock.setTimer(Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** n), () => {
      void engine.resume(runId, 'storage has room again').then(
        (run) =>
          run.done.then(
            () => tries.delete(runId),
            () => undefined,
          ),
        () => undefined,
      );
    });
  });
  return { cleared };
}
