import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import jsonata from 'jsonata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { assign, createActor, fromPromise, setup } from 'xstate';
import {
  commitStep,
  compile,
  ManualClock,
  MemoryStore,
  type Checkpoint,
  type EffectRecord,
  type Engine,
  type RunEvent,
  type RunRecord,
  type RunStore,
  type Services,
  type StepCommit,
} from '../src/engine/index.ts';
import { DexieStore } from '../src/storage/runs/dexieStore.ts';
import { validateFlow, type Flow } from '../src/flow/index.ts';
import { VolatileMemory } from '../src/memory/volatile.ts';
import { catalog, kindsByName } from '../src/nodes/index.ts';
import { createEngine, replay } from '../src/nodes/runtime.ts';
import { median, round, time, timeInterleaved, type Report } from './measure.ts';

// ---------------------------------------------------------------------------------------------
// Flow documents

interface NodeDoc {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
}
interface EdgeDoc {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

class FlowDoc {
  readonly nodes: NodeDoc[] = [];
  readonly edges: EdgeDoc[] = [];

  constructor(
    private readonly id: string,
    private readonly name: string,
  ) {}

  node(id: string, type: string, data: Record<string, unknown>): string {
    const n = this.nodes.length;
    this.nodes.push({
      id,
      type,
      position: { x: (n % 50) * 220, y: Math.floor(n / 50) * 140 },
      data: { version: 1, label: id, ...data },
    });
    return id;
  }
  start(id = 'start'): string {
    return this.node(id, 'start', { inputs: [] });
  }
  transform(id: string): string {
    return this.node(id, 'transform', { language: 'jsonata', expression: '$' });
  }
  output(id = 'end'): string {
    return this.node(id, 'output', { value: '$', status: 'succeeded' });
  }
  edge(source: string, sourceHandle: string, target: string, targetHandle = 'in'): void {
    this.edges.push({ id: `e${this.edges.length}`, source, sourceHandle, target, targetHandle });
  }
  toJSON(): unknown {
    return {
      schemaVersion: 1,
      id: this.id,
      name: this.name,
      nodes: this.nodes,
      edges: this.edges,
    };
  }
}

/** start → (n - 2) transforms → output: n nodes, n steps. */
export function chainDoc(n: number): unknown {
  const doc = new FlowDoc(`bench-chain-${n}`, `Chain of ${n}`);
  let last = doc.start();
  for (let i = 1; i <= n - 2; i++) {
    const t = doc.transform(`t${i}`);
    doc.edge(last, 'out', t);
    last = t;
  }
  doc.edge(last, 'out', doc.output());
  return doc.toJSON();
}

/** start → parallel (`branches` branches, one transform each) → join (all) → output. */
function fanoutDoc(branches: number): unknown {
  const doc = new FlowDoc(`bench-fanout-${branches}`, `Fan-out of ${branches}`);
  const start = doc.start();
  const ids = Array.from({ length: branches }, (_, i) => `b${i}`);
  const par = doc.node('fork', 'parallel', {
    branches: ids.map((id) => ({ id, label: id.toUpperCase() })),
  });
  const join = doc.node('join', 'join', { mode: 'all' });
  doc.edge(start, 'out', par);
  for (const id of ids) {
    const t = doc.transform(`t-${id}`);
    doc.edge(par, id, t);
    doc.edge(t, 'out', join);
  }
  doc.edge(join, 'out', doc.output());
  return doc.toJSON();
}

/** start → loop (repeat, at most `rounds`) with a body of `body` transforms → output. */
function loopDoc(rounds: number, body: number): unknown {
  const doc = new FlowDoc(`bench-loop-${rounds}x${body}`, `Loop ${rounds} × ${body}`);
  const start = doc.start();
  const loop = doc.node('loop', 'loop', { mode: 'repeat', maxIterations: rounds });
  doc.edge(start, 'out', loop);
  let last = loop;
  let port = 'body';
  for (let i = 1; i <= body; i++) {
    const t = doc.transform(`t${i}`);
    doc.edge(last, port, t);
    last = t;
    port = 'out';
  }
  doc.edge(last, 'out', loop, 'again');
  doc.edge(loop, 'done', doc.output());
  return doc.toJSON();
}

function validated(doc: unknown): Flow {
  const result = validateFlow(doc, catalog);
  if (!result.ok)
    throw new Error(
      `bench flow is invalid: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.flow;
}

// ---------------------------------------------------------------------------------------------
// Engines

/** A `MemoryStore` that can be swapped for an empty one between repetitions (bounded memory). */
class ResettableStore implements RunStore {
  inner: RunStore;
  constructor(private readonly make: () => RunStore = () => new MemoryStore()) {
    this.inner = make();
  }
  reset(): void {
    (this.inner as Partial<{ close(): void }>).close?.();
    this.inner = this.make();
  }
  putRun(run: RunRecord) {
    return this.inner.putRun(run);
  }
  getRun(id: string) {
    return this.inner.getRun(id);
  }
  listRuns(filter?: Parameters<RunStore['listRuns']>[0]) {
    return this.inner.listRuns(filter);
  }
  appendEvents(events: readonly RunEvent[]) {
    return this.inner.appendEvents(events);
  }
  events(runId: string, range?: { from?: number; to?: number }) {
    return this.inner.events(runId, range);
  }
  lastSeq(runId: string) {
    return this.inner.lastSeq(runId);
  }
  putCheckpoint(checkpoint: Checkpoint) {
    return this.inner.putCheckpoint(checkpoint);
  }
  checkpoints(runId: string, range: { from: number; to: number }) {
    return this.inner.checkpoints(runId, range);
  }
  checkpoint(runId: string, atOrBefore?: number) {
    return this.inner.checkpoint(runId, atOrBefore);
  }
  getEffect(key: string) {
    return this.inner.getEffect(key);
  }
  putEffect(effect: EffectRecord) {
    return this.inner.putEffect(effect);
  }
  effects(runId: string) {
    return this.inner.effects(runId);
  }
  getApproval(key: string) {
    return this.inner.getApproval(key);
  }
  putApproval(approval: Parameters<RunStore['putApproval']>[0]) {
    return this.inner.putApproval(approval);
  }
  approvals(filter?: Parameters<RunStore['approvals']>[0]) {
    return this.inner.approvals(filter);
  }
  commit(step: StepCommit) {
    return commitStep(this.inner, step);
  }
}

let runIds = 0;

/** An engine with no LLM, HTTP or secrets: the bench flows use none. */
function benchServices(): Omit<Services, 'ledger' | 'approvals' | 'runFlow'> {
  return {
    clock: new ManualClock(),
    fetch: () => Promise.reject(new Error('no HTTP in the bench')),
    llm: { complete: () => Promise.reject(new Error('no LLM in the bench')) },
    memory: new VolatileMemory(),
    connections: {},
    secrets: { get: () => Promise.resolve(undefined) },
  };
}

function benchEngine(store: RunStore): Engine {
  return createEngine({
    store,
    services: benchServices(),
    newId: () => `bench-${++runIds}`,
    random: () => 0.5,
  });
}

/** Runs `flow` to its end and returns the run's id. */
async function runToEnd(engine: Engine, flow: Flow): Promise<string> {
  const run = await engine.start(flow, {});
  const record = await run.done;
  if (record.status !== 'succeeded')
    throw new Error(`bench run of ${flow.id} ended ${record.status}: ${record.error?.message}`);
  return record.id;
}

/**
 * Engine, store and flow for timing whole runs; the store is emptied before each run unless
 * `keep` (a database stays open across runs, as the engine worker keeps it).
 */
function engineCase(name: string, flow: Flow, makeStore?: () => RunStore, keep = false) {
  const store = new ResettableStore(makeStore);
  const engine = benchEngine(store);
  let lastRun = '';
  return {
    name,
    run: async () => {
      if (!keep) store.reset();
      lastRun = await runToEnd(engine, flow);
    },
    /** Bytes of the last checkpoint the last run wrote, as JSON. */
    checkpointBytes: async () => {
      const checkpoint = await store.checkpoint(lastRun);
      return JSON.stringify(checkpoint?.snapshot ?? null).length;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The same chain as a hand-written XState machine

/** `n` states, one `fromPromise` actor each evaluating JSONata `$`, as the transforms do. */
function plainChainMachine(n: number) {
  const identity = jsonata('$');
  const states: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    states[`s${i}`] = {
      invoke: {
        src: 'task',
        input: ({ context }: { context: { value: unknown } }) => ({ value: context.value }),
        onDone: { target: i + 1 < n ? `s${i + 1}` : 'done', actions: 'keep' },
        onError: 'failed',
      },
    };
  }
  states['done'] = { type: 'final' };
  states['failed'] = { type: 'final' };
  return setup({
    types: { context: {} as { value: unknown } },
    actors: {
      task: fromPromise<unknown, { value: unknown }>(
        async ({ input }) => (await identity.evaluate(input.value)) as unknown,
      ),
    },
    actions: {
      keep: assign({ value: ({ event }) => (event as unknown as { output: unknown }).output }),
    },
  }).createMachine({ id: 'plain', initial: 's0', context: { value: {} }, states } as never);
}

type PlainMachine = ReturnType<typeof plainChainMachine>;

let persistedSink: unknown;

function runPlain(machine: PlainMachine, persist: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const actor = createActor(machine);
    actor.subscribe({
      next: (snapshot) => {
        if (persist) persistedSink = structuredClone(actor.getPersistedSnapshot());
        if (snapshot.status === 'done') {
          if (snapshot.value === 'done') resolve();
          else reject(new Error(`plain chain ended in ${JSON.stringify(snapshot.value)}`));
        }
      },
      error: reject,
    });
    actor.start();
  });
}

/**
 * The same chain driven the other way: the machine has one state per node and moves on one event,
 * sent by the caller after it evaluated the node's JSONata `$` (no invoked actor per step).
 */
function plainEventChainMachine(n: number) {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    states[`s${i}`] = {
      on: { step: { target: i + 1 < n ? `s${i + 1}` : 'done', actions: 'keep' } },
    };
  states['done'] = { type: 'final' };
  return setup({
    types: { context: {} as { value: unknown }, events: {} as { type: 'step'; value: unknown } },
    actions: { keep: assign({ value: ({ event }) => event.value }) },
  }).createMachine({ id: 'plain-event', initial: 's0', context: { value: {} }, states } as never);
}

async function runPlainEvents(
  machine: ReturnType<typeof plainEventChainMachine>,
  n: number,
): Promise<void> {
  const identity = jsonata('$');
  const actor = createActor(machine);
  actor.subscribe(() => (persistedSink = structuredClone(actor.getPersistedSnapshot())));
  actor.start();
  for (let i = 0; i < n; i++) {
    const value: unknown = await identity.evaluate(actor.getSnapshot().context.value);
    actor.send({ type: 'step', value });
  }
  if (actor.getSnapshot().status !== 'done') throw new Error('the plain event chain did not end');
}

// ---------------------------------------------------------------------------------------------
// Figures

const us = (ms: number) => round(ms * 1000);

async function chainFigures(report: Report): Promise<number> {
  report.progress('engine: chain 100, engine vs plain XState');
  const flow = validated(chainDoc(100));
  const machine = plainChainMachine(100);
  const eventMachine = plainEventChainMachine(100);
  const times = await timeInterleaved(
    [
      engineCase('engine', flow),
      { name: 'plain', run: () => runPlain(machine, false) },
      { name: 'persisted', run: () => runPlain(machine, true) },
      { name: 'events persisted', run: () => runPlainEvents(eventMachine, 100) },
    ],
    { warmup: 10, reps: 25 },
    report,
  );
  const perStep = (name: string) => median(times.get(name)!) / 100;
  const engine = perStep('engine');
  const plain = perStep('plain');
  const persisted = perStep('persisted');
  report.figure({
    name: 'step chain 100 engine',
    median_us: us(engine),
    note: 'the engine always writes 2 events and a checkpoint per step; it has no unpersisted mode',
  });
  report.figure({ name: 'step chain 100 plain xstate', median_us: us(plain) });
  report.figure({ name: 'step chain 100 plain xstate persisted', median_us: us(persisted) });
  report.figure({
    name: 'chain 100 vs plain xstate',
    ratio: round(engine / persisted),
    note: 'engine (checkpoint per step) / plain xstate with getPersistedSnapshot+structuredClone per step',
  });
  report.figure({ name: 'chain 100 vs plain xstate unpersisted', ratio: round(engine / plain) });
  const events = perStep('events persisted');
  report.figure({
    name: 'step chain 100 plain xstate one event per step persisted',
    median_us: us(events),
    note: 'no invoked actor: the caller evaluates $ and sends one event; snapshot persisted per step',
  });
  report.figure({
    name: 'chain 100 vs plain xstate one event per step persisted',
    ratio: round(engine / events),
    target_max_ratio: 2,
  });
  const last = persistedSink as { status?: string } | undefined;
  if (last?.status !== 'done') throw new Error('the persisted plain chain kept no final snapshot');
  return engine;
}

async function longChainFigures(report: Report, step100: number): Promise<void> {
  report.progress('engine: chain 2000 (several seconds per run)');
  const chain100 = engineCase('100', validated(chainDoc(100)));
  const chain2000 = engineCase('2000', validated(chainDoc(2000)));
  // A 2000-node run takes seconds, so no separate warm-up (the chain-100 figures warmed the code;
  // compiling 2000 nodes adds ~10 ms to the first run). Chain 100 runs again in the same rounds,
  // so the ratio compares like with like.
  const times = await timeInterleaved([chain2000, chain100], { warmup: 2, reps: 5 }, report);
  const step2000 = median(times.get('2000')!) / 2000;
  const step100Now = median(times.get('100')!) / 100;
  report.figure({ name: 'step chain 2000 engine', median_us: us(step2000) });
  report.figure({
    name: 'chain 2000 vs chain 100 per step',
    ratio: round(step2000 / step100Now),
    target_max_ratio: 1.3,
    step_chain_100_same_rounds_us: us(step100Now),
    step_chain_100_earlier_us: us(step100),
  });
  report.figure({
    name: 'last checkpoint chain 100',
    json_bytes: await chain100.checkpointBytes(),
  });
  report.figure({
    name: 'last checkpoint chain 2000',
    json_bytes: await chain2000.checkpointBytes(),
  });
}

let dexieStores = 0;

/**
 * The chain 100 with `DexieStore` over fake-indexeddb against `MemoryStore`, in the same rounds.
 * One database for all the runs (opened in the warm-up), as the engine worker keeps one open:
 * creating a database for each run cost as much as the run's hundred steps.
 */
async function dexieFigures(report: Report): Promise<void> {
  report.progress('engine: chain 100, DexieStore over fake-indexeddb vs MemoryStore');
  const flow = validated(chainDoc(100));
  const dexie = () => new DexieStore(`bench-runs-${++dexieStores}`, { indexedDB, IDBKeyRange });
  const times = await timeInterleaved(
    [engineCase('memory', flow), engineCase('dexie', flow, dexie, true)],
    { warmup: 3, reps: 9 },
    report,
  );
  const memory = median(times.get('memory')!) / 100;
  const indexed = median(times.get('dexie')!) / 100;
  report.figure({ name: 'step chain 100 engine dexie fake-indexeddb', median_us: us(indexed) });
  report.figure({
    name: 'chain 100 dexie vs memory store',
    ratio: round(indexed / memory),
    target_max_ratio: 3,
    step_chain_100_memory_same_rounds_us: us(memory),
  });
}

/**
 * Fan-outs per step against the chain 100, in the same rounds. A parallel node has at most 64
 * branches, so linearity is 64 branches against 16 (the 4× of 200 against 50).
 */
async function fanoutFigures(report: Report): Promise<void> {
  report.progress('engine: fan-out 16, 50 and 64');
  const widths = [16, 50, 64] as const;
  const flows = new Map(widths.map((w) => [w, validated(fanoutDoc(w))]));
  const times = await timeInterleaved(
    [
      ...widths.map((w) => engineCase(`fanout ${w}`, flows.get(w)!)),
      engineCase('chain 100', validated(chainDoc(100))),
    ],
    { warmup: 3, reps: 11 },
    report,
  );
  // start, parallel, the transforms, join, output
  const step = new Map(
    widths.map((w) => [w, median(times.get(`fanout ${w}`)!) / flows.get(w)!.nodes.length]),
  );
  for (const w of widths) {
    const flow = flows.get(w)!;
    report.figure({
      name: `fanout ${w} run`,
      median_ms: round(step.get(w)! * flow.nodes.length),
      steps: flow.nodes.length,
    });
    report.figure({ name: `step fanout ${w}`, median_us: us(step.get(w)!) });
  }
  const chain = median(times.get('chain 100')!) / 100;
  report.figure({
    name: 'fanout 50 vs chain 100 per step',
    ratio: round(step.get(50)! / chain),
    target_max_ratio: 1.5,
    step_chain_100_same_rounds_us: us(chain),
  });
  report.figure({
    name: 'fanout 64 vs fanout 16 per step',
    ratio: round(step.get(64)! / step.get(16)!),
    target_max_ratio: 1.5,
    note: 'parallel nodes take at most 64 branches; 4x the width, as 200 against 50',
  });
}

/** `gc()` without starting Node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The heap while a 10,000-step run goes, and what it keeps afterwards (with its MemoryStore). */
async function memoryFigures(report: Report): Promise<void> {
  report.progress('engine: heap of a 10,000-step run');
  const gc = collector();
  // 1,000 rounds (the most a loop takes) of 10 transforms: about 10,000 node steps.
  const flow = validated(loopDoc(1000, 10));
  const store = new MemoryStore();
  const engine = benchEngine(store);
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let steps = 0;
  const off = engine.onEvent((event) => {
    if (event.type !== 'node.succeeded') return;
    steps++;
    if (steps % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const runId = await runToEnd(engine, flow);
  off();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const events = await store.lastSeq(runId);
  const mb = (bytes: number) => round(bytes / 1024 / 1024);
  report.figure({
    name: 'heap of a run of 10000 steps',
    steps,
    events,
    peak_mb: mb(peak - before),
    retained_with_store_mb: mb(retained),
    retained_per_event_bytes: Math.round(retained / events),
    note: 'peak sampled every 100 steps, garbage included; retained after gc is the MemoryStore log',
  });
}

async function compileFigures(report: Report): Promise<void> {
  report.progress('engine: validate and compile 2000 nodes');
  const doc = chainDoc(2000);
  const flow = validated(doc);
  const validate = await time(
    { name: 'validate', run: () => void validated(doc) },
    { warmup: 1, reps: 7 },
    report,
  );
  report.figure({
    name: 'validate 2000-node flow',
    median_ms: round(median(validate)),
    target_max_ms: 50,
  });
  const compiled = await time(
    { name: 'compile', run: () => void compile(flow, kindsByName) },
    { warmup: 2, reps: 9 },
    report,
  );
  report.figure({
    name: 'compile 2000-node flow',
    median_ms: round(median(compiled)),
    note: 'compile() only, flow already validated',
  });
}

async function resumeFigures(report: Report): Promise<void> {
  const minEvents = 10_000;
  // 1 + 2 (start) + 2 (loop) + 2 per body node per round: 1000 rounds of 8 is 16,000 events, so the
  // run is still going when the log reaches 10,000 and the engine is halted.
  const flow = validated(loopDoc(1000, 8));
  const store = new MemoryStore();
  report.progress(`engine: building a run with ${minEvents} events`);
  const first = benchEngine(store);
  const built = performance.now();
  const run = await first.start(flow, {});
  await new Promise<void>((resolve, reject) => {
    const off = first.onEvent((event) => {
      if (event.seq < minEvents) return;
      off();
      first.halt();
      resolve();
    });
    run.done.then(() => reject(new Error('the long run finished before it was halted')), resolve);
  });
  const events = await store.lastSeq(run.runId);
  report.progress(
    `  built ${events} events in ${Math.round(performance.now() - built)} ms, halted`,
  );
  if (events < minEvents) throw new Error(`the long run has only ${events} events`);

  const untilActive: number[] = [];
  const untilStep: number[] = [];
  const once = async () => {
    const engine = benchEngine(store);
    let started!: () => void;
    const firstStep = new Promise<void>((resolve) => (started = resolve));
    const off = engine.onEvent((event) => {
      if (event.type === 'node.started') started();
    });
    const t0 = performance.now();
    await engine.resume(run.runId);
    const t1 = performance.now();
    await firstStep;
    const t2 = performance.now();
    off();
    engine.halt();
    return [t1 - t0, t2 - t0] as const;
  };
  for (let i = 0; i < 3; i++) await once();
  for (let i = 0; i < 15; i++) {
    const [active, step] = await once();
    untilActive.push(active);
    untilStep.push(step);
  }
  report.progress(`  resumed ${untilActive.length} times`);
  report.figure({
    name: 'resume run with 10000 events',
    median_ms: round(median(untilActive)),
    events,
    note: 'fresh engine, same MemoryStore, until engine.resume() resolves with the actor running',
  });
  report.figure({
    name: 'resume run with 10000 events until first node.started is durable',
    median_ms: round(median(untilStep)),
    events,
  });
}

/**
 * The engine's figures: step cost against plain XState, fan-out, compile, resume, flatness. The
 * 2000-node chain goes last: its runs leave a large heap behind (every checkpoint of a growing
 * context is kept), which made figures measured after it 2-3 times slower.
 */
/** A finished run of about 100,000 events: 1,000 rounds of 50 transforms, in a MemoryStore. */
export async function longRun(): Promise<{ store: MemoryStore; runId: string }> {
  const store = new MemoryStore();
  const runId = await runToEnd(benchEngine(store), validated(loopDoc(1000, 50)));
  return { store, runId };
}

/**
 * Time travel on a long finished run: seeking to any step (checkpoints, not replay from zero),
 * and replaying the whole run from its log.
 */
async function timeTravelFigures(report: Report): Promise<void> {
  report.progress('engine: building a finished run of about 100,000 events');
  const { store, runId } = await longRun();
  const events = await store.lastSeq(runId);
  const engine = benchEngine(store);
  const seek: number[] = [];
  for (let i = 1; i <= 25; i++) {
    // Spread over the whole run, in no particular order.
    const seq = Math.max(1, Math.round((((i * 7919) % 997) / 997) * events));
    const t0 = performance.now();
    await engine.stateAt(runId, seq);
    seek.push(performance.now() - t0);
  }
  report.figure({
    name: `seek to a step of a run with ${events} events`,
    median_ms: round(median(seek)),
    max_ms: round(Math.max(...seek)),
    target_max_ms: 5,
    note: 'MemoryStore; nearest full checkpoint plus the deltas after it',
  });
  report.progress('engine: replaying it');
  const t0 = performance.now();
  const replayed = await replay({ store, services: benchServices() }, runId);
  report.figure({
    name: `replay a run of ${events} events`,
    events_per_s: Math.round(replayed.events.length / ((performance.now() - t0) / 1000)),
    target_min_events_per_s: 100_000,
  });
}

export async function engineBench(report: Report): Promise<void> {
  const step100 = await chainFigures(report);
  await dexieFigures(report);
  await fanoutFigures(report);
  await compileFigures(report);
  await resumeFigures(report);
  await timeTravelFigures(report);
  await memoryFigures(report);
  await longChainFigures(report, step100);
}
