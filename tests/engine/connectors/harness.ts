import { expect, it } from 'vitest';
import {
  MemoryStore,
  type Connection,
  type Engine,
  type RunEvent,
} from '../../../src/engine/index.ts';
import type { Answer, Loopback } from '../../stand-ins/loopback.ts';
import { flow, link, node } from '../../unit/build.ts';
import { bareEngine } from '../harness/bareEngine.ts';
import { until } from '../harness/world.ts';

/** start → one call of `capability` with the run's input as its input (retried up to 3 times) → output. */
export const callFlow = (capability: string, input: Record<string, unknown>) =>
  flow(
    `call-${capability}`,
    [
      node('start', 'start'),
      node('call', 'capability', {
        capability,
        input: Object.fromEntries(Object.keys(input).map((k) => [k, `{{ run.input.${k} }}`])),
        retry: { attempts: 3, backoff: '1s' },
      }),
      node('end', 'output'),
    ],
    [link('start', 'call'), link('call', 'end')],
  );

/** A connector under test: its stand-in, how the engine reaches it, and a call of it. */
export interface ConnectorSpec<S extends Loopback> {
  readonly standIn: () => S;
  /** The connections (by service id) and vault the engine gets, pointing at the stand-in. */
  readonly setup: (standIn: S) => {
    connections: Record<string, Connection>;
    secrets: Record<string, string>;
  };
  /** The same set-up with the key the service refuses. */
  readonly badKey: (standIn: S) => {
    connections: Record<string, Connection>;
    secrets: Record<string, string>;
  };
  readonly capability: string;
  readonly input: Record<string, unknown>;
  /** The path the call goes to, and what the stand-in applied (how many effects) after it. */
  readonly path: RegExp;
  readonly applied: (standIn: S) => number;
  /** What the service answers when rate limiting, and the wait it asks for, in ms. */
  readonly rateLimited: (standIn: S) => { answer: Answer; waitMs: number };
  readonly serverError: Answer;
  /** How the service refuses a bad key, when not as 401 ("refused the key"). */
  readonly refused?: { readonly status: number; readonly message: RegExp };
}

/** One engine over a fresh store, reaching the stand-in. */
export function engineFor<S extends Loopback>(
  spec: ConnectorSpec<S>,
  standIn: S,
  store = new MemoryStore(),
  keys: 'good' | 'bad' = 'good',
): { engine: Engine; store: MemoryStore } {
  const { connections, secrets } = keys === 'good' ? spec.setup(standIn) : spec.badKey(standIn);
  return { engine: bareEngine({ store, connections, secrets }), store };
}

/** Runs one call to its end. */
export async function runOnce<S extends Loopback>(
  spec: ConnectorSpec<S>,
  standIn: S,
  keys: 'good' | 'bad' = 'good',
  input = spec.input,
) {
  const { engine, store } = engineFor(spec, standIn, undefined, keys);
  const run = await engine.start(callFlow(spec.capability, input), input);
  const record = await run.done;
  const events = await store.events(run.runId);
  const effects = await store.effects(run.runId);
  return { record, events, effects, store };
}

const failures = (events: readonly RunEvent[]) =>
  events.flatMap((e) => (e.type === 'node.failed' ? [e.error] : []));

/**
 * The scenarios every connector passes: a happy call, a refused key, a rate limit with the wait
 * the service asks for, a 500 retried, and (for a call that cannot be repeated) a crash mid-call
 * settled by a person instead of a repeat.
 */
export function standardScenarios<S extends Loopback>(
  spec: ConnectorSpec<S>,
  use: () => S,
  expectOutput: (output: unknown, standIn: S) => void,
): void {
  it('calls the service and records the result', async () => {
    const standIn = use();
    const { record, effects } = await runOnce(spec, standIn);
    expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
    expect(effects).toHaveLength(1);
    expect(effects[0]?.status).toBe('completed');
    expectOutput(effects[0]?.output, standIn);
    expect(spec.applied(standIn)).toBe(1);
  });

  it('fails on a refused key in words a person acts on, without retrying', async () => {
    const standIn = use();
    const { record, events, effects } = await runOnce(spec, standIn, 'bad');
    expect(record.status).toBe('failed');
    const [error] = failures(events);
    expect(error?.message).toMatch(spec.refused?.message ?? /refused the key/);
    expect(error?.status).toBe(spec.refused?.status ?? 401);
    expect(effects[0]?.status).toBe('failed');
    expect(standIn.to(spec.path)).toHaveLength(1);
    expect(spec.applied(standIn)).toBe(0);
  });

  it('waits as long as a rate limit asks, then succeeds', async () => {
    const standIn = use();
    const { answer, waitMs } = spec.rateLimited(standIn);
    standIn.failNext(spec.path, answer);
    const { record, events } = await runOnce(spec, standIn);
    expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
    const [error] = failures(events);
    expect(error?.message).toMatch(/limiting the rate/);
    const retrying = events.find((e) => e.type === 'node.retrying');
    expect(retrying?.type === 'node.retrying' && retrying.delayMs).toBeGreaterThanOrEqual(waitMs);
    expect(standIn.to(spec.path)).toHaveLength(2);
    expect(spec.applied(standIn)).toBe(1);
  });

  it('retries a 500 and succeeds', async () => {
    const standIn = use();
    standIn.failNext(spec.path, spec.serverError);
    const { record, events } = await runOnce(spec, standIn);
    expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
    expect(failures(events).map((e) => e.status)).toEqual([spec.serverError.status]);
    expect(standIn.to(spec.path)).toHaveLength(2);
    expect(spec.applied(standIn)).toBe(1);
  });
}

/**
 * A call that cannot be repeated, cut off by a crash after the service applied it: the resumed
 * run asks a person whether it happened, and approving it finishes the run without a second call.
 */
export function crashScenario<S extends Loopback>(spec: ConnectorSpec<S>, use: () => S): void {
  it('asks a person after a crash mid-call instead of calling again', async () => {
    const standIn = use();
    const store = new MemoryStore();
    const first = engineFor(spec, standIn, store).engine;
    const arrived = standIn.holdNext(spec.path);
    const run = await first.start(callFlow(spec.capability, spec.input), spec.input);
    await arrived;
    expect(spec.applied(standIn)).toBe(1);
    await run.flushed();
    first.halt();
    await expect(run.done).rejects.toThrow();

    const after = engineFor(spec, standIn, store).engine;
    const [resumed] = await after.resumeAll('crash');
    const ask = await until(async () => {
      const pending = await after.pendingApprovals(run.runId);
      return pending.find((p) => p.request.reason === 'outcome');
    }, 'the outcome question');
    expect(ask.request.capability).toBe(spec.capability);
    await after.decide(ask.key, { decision: 'approved' });
    const record = await resumed!.done;
    expect(record.status).toBe('succeeded');
    const [effect] = await store.effects(run.runId);
    expect(effect).toMatchObject({ status: 'completed', resultUnknown: true });
    expect(standIn.to(spec.path)).toHaveLength(1);
    expect(spec.applied(standIn)).toBe(1);
  });
}
