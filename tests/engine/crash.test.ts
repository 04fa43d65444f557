import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine, RunRecord } from '../../src/engine/index.ts';
import { contextOf, loadSnapshot } from '../../src/engine/checkpoint.ts';
import { FaultyStore, StoreDied } from './harness/faultyStore.ts';
import { drive, scenarios, type Scenario } from './harness/scenarios.ts';
import { createWorld } from './harness/world.ts';

interface Outcome {
  record: RunRecord;
  /** What the remote services applied, in order: path and body. */
  applied: string[];
  /** Every request the remote services got, as path and idempotency key. */
  requests: string[];
  writes: number;
  outputs: unknown;
  /** The approvals the log says were asked and decided, by key, in order. */
  asked: string[];
}

/** Runs a scenario, killing the runtime at each of `killAt` (store write numbers), resuming after each. */
async function runWithKills(
  scenario: Scenario,
  killAt: readonly number[],
): Promise<Outcome & { killedAt: string[] }> {
  const world = await createWorld();
  scenario.script(world.server);
  const killedAt: string[] = [];
  let writes = 0;
  try {
    let record: RunRecord | undefined;
    for (let life = 0; record === undefined; life++) {
      // The store kills the engine that uses it, as a dying worker takes its runs with it.
      const store: FaultyStore = new FaultyStore(world.store, killAt[life] ?? Infinity, () =>
        engine.halt(),
      );
      const engine: Engine = world.engine(store);
      const [existing] = await world.store.listRuns();
      try {
        const run = existing
          ? await engine.resume(existing.id, 'crash')
          : await engine.start(scenario.flow, scenario.input, { runId: 'crash-run' });
        record = await drive(engine, run.runId, run.done, scenario);
      } catch (error) {
        if (!(error instanceof StoreDied)) throw error;
      }
      writes += store.writes;
      if (store.dead) killedAt.push(store.diedAt);
      if (life > killAt.length + 1) throw new Error('the run never finished');
    }
    const last = await loadSnapshot(world.store, record.id);
    const events = await world.store.events(record.id);
    return {
      asked: events.flatMap((e) =>
        e.type === 'approval.requested' || e.type === 'approval.decided'
          ? [`${e.type} ${e.key}`]
          : [],
      ),
      record,
      applied: world.server.applied.map((r) => `${r.path} ${JSON.stringify(r.body)}`),
      requests: world.server.requests
        .filter((r) => !r.path.startsWith('/llm/'))
        .map((r) => `${r.method} ${r.path} ${r.key ?? ''}`),
      writes,
      outputs: last && contextOf(last.snapshot).nodes,
      killedAt,
    };
  } finally {
    await world.server.stop();
  }
}

/** The requests, minus one immediate repeat of the same call when `allowed`. */
function withoutOneRepeat(requests: readonly string[], allowed: boolean): string[] {
  const out = [...requests];
  if (allowed) {
    const i = out.findIndex((r, j) => j > 0 && r === out[j - 1]);
    if (i > 0) out.splice(i, 1);
  }
  return out;
}

describe.each(scenarios)('crash and resume: $name', (scenario) => {
  it(
    'ends as an uncrashed run does, with every effect applied once, whichever write it dies at',
    { timeout: 120_000 },
    async () => {
      const baseline = await runWithKills(scenario, []);
      expect(baseline.record.status).toBe('succeeded');
      expect(baseline.applied.length).toBeGreaterThan(0);
      for (let k = 1; k <= baseline.writes; k++) {
        const crashed = await runWithKills(scenario, [k]);
        const where = `killed at write ${k} (${crashed.killedAt.join(', ')})`;
        expect(crashed.record.status, where).toBe('succeeded');
        expect(crashed.record.result, where).toEqual(baseline.record.result);
        expect(crashed.outputs, where).toEqual(baseline.outputs);
        expect(crashed.applied, where).toEqual(baseline.applied);
        // Whatever write it died at, the log says each approval was asked and decided once.
        expect(crashed.asked, where).toEqual(baseline.asked);
        // A completed effect is never sent again; only a call cut off before its result was recorded
        // is retried, with the same key.
        const cutOff = crashed.killedAt.some(
          (w) => / completed$/.test(w) && w.startsWith('effect '),
        );
        expect(withoutOneRepeat(crashed.requests, cutOff), where).toEqual(baseline.requests);
      }
    },
  );
});

describe('crash and resume, several times in one run', () => {
  it('holds for random kill points (property)', { timeout: 120_000 }, async () => {
    const baselines = await Promise.all(scenarios.map((s) => runWithKills(s, [])));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: scenarios.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
        async (which, kills) => {
          const crashed = await runWithKills(scenarios[which]!, kills);
          const baseline = baselines[which]!;
          expect(crashed.record.result).toEqual(baseline.record.result);
          expect(crashed.applied).toEqual(baseline.applied);
        },
      ),
      { numRuns: 25 },
    );
  });
});
