// The page's side of the protocol bench: the run panel's and the inbox's data paths without
// React, before the protocol (six subscriptions, every listing re-read each frame) and after
// (one subscription folded into the view), against the same host in a worker.
import * as Comlink from 'comlink';
import { foldView, emptyView, touchesApprovals } from '../src/canvas/run/liveView.ts';
import type { ApprovalRecord, RunEvent, RunRecord } from '../src/engine/index.ts';
import type { EngineApi, StreamBody } from '../src/protocol/index.ts';
import { valueOf } from '../src/protocol/index.ts';
import { connectWorker } from '../src/worker/client.ts';
import type { WorkerApi } from '../src/worker/protocol.ts';

interface BenchWorker extends WorkerApi {
  legacyRuns(flowId: string): Promise<RunRecord[]>;
  legacySubscribe(listener: () => void): Promise<number>;
  posted(): Promise<number>;
  resetCount(): Promise<void>;
}

let posted = 0;
for (const proto of [Worker.prototype, MessagePort.prototype]) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to its instance below
  const post = proto.postMessage;
  proto.postMessage = function (this: Worker | MessagePort, ...args: never[]) {
    posted++;
    return Reflect.apply(post, this, args) as void;
  };
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** What the page holds: the watched run's record and log, the flow's runs, what is pending. */
interface Shown {
  runs: readonly { id: string; finishedAt?: number }[];
  record: { status: string } | null;
  events: readonly RunEvent[];
  pending: readonly ApprovalRecord[];
}

/** Re-reads the logs of unfinished listed runs when the listing changes, as the history does. */
async function summaries(api: EngineApi, runs: Shown['runs']) {
  for (const run of runs.slice(0, 50))
    if (run.finishedAt === undefined) await valueOf(api.events({ runId: run.id }));
}

/** The page before the protocol: one subscription per listener, every read on every frame. */
function before(remote: Comlink.Remote<BenchWorker>, flowId: string, shown: Shown) {
  let runId: string | null = null;
  let queued = false;
  const refresh = async () => {
    const after = shown.events.at(-1)?.seq ?? 0;
    const [runs, pending, record, more] = await Promise.all([
      remote.legacyRuns(flowId),
      valueOf(remote.pending()),
      runId ? valueOf(remote.run({ runId })) : null,
      runId ? valueOf(remote.events({ runId, from: after + 1 })) : [],
    ]);
    shown.runs = [...runs].sort((a, b) => b.startedAt - a.startedAt);
    shown.pending = pending;
    shown.record = record;
    if (more.length > 0) shown.events = [...shown.events, ...more];
    await summaries(remote, shown.runs);
    // The inbox's own refresh: what is pending, and each asking run's record.
    const all = valueOf(remote.pending());
    for (const p of await all) await valueOf(remote.run({ runId: p.runId }));
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      void refresh();
    });
  };
  // Run data (events, records), the inbox (events, records), streaming (progress, events).
  for (let i = 0; i < 6; i++) void remote.legacySubscribe(Comlink.proxy(schedule));
  return {
    watch: (id: string) => ((runId = id), schedule()),
  };
}

/** The page with the protocol: one subscription, the stream folded into the view once a frame. */
function after(worker: Worker, flowId: string, shown: Shown) {
  const client = connectWorker(worker);
  const { api } = client;
  let view = emptyView;
  let watched = { flowId, runId: null as string | null };
  let batch: StreamBody[] = [];
  let queued = 0;
  const readPending = async () => {
    shown.pending = await valueOf(api.pending());
    for (const p of shown.pending) await valueOf(api.run({ runId: p.runId }));
  };
  const show = async (next: typeof view) => {
    const listed = next.runs !== view.runs;
    view = next;
    Object.assign(shown, { runs: view.runs, record: view.record, events: view.events });
    if (listed) await summaries(api, view.runs);
  };
  const read = async () => {
    const at = view.events.at(-1)?.seq ?? 0;
    const runId = watched.runId;
    const [runs, record, more] = await Promise.all([
      valueOf(api.runs({ flowId })),
      runId ? valueOf(api.run({ runId })) : null,
      runId ? valueOf(api.events({ runId, from: at + 1 })) : [],
    ]);
    const base = { ...view, runs: [...runs].sort((a, b) => b.startedAt - a.startedAt), record };
    await show(
      foldView(
        base,
        watched,
        more.map((event) => ({ kind: 'event', event })),
      ).view,
    );
    await readPending();
  };
  client.listen((heard) => {
    if (heard.kind !== 'reset') batch.push(heard);
    queued ||= requestAnimationFrame(() => {
      queued = 0;
      const folded = foldView(view, watched, batch);
      const pendingToo = batch.some(touchesApprovals);
      batch = [];
      void show(folded.view).then(() =>
        folded.gap ? read() : pendingToo ? readPending() : undefined,
      );
    });
  });
  void read();
  return {
    watch: (id: string) => {
      watched = { flowId, runId: id };
      void read();
    },
  };
}

interface Prepared {
  readonly go: () => Promise<Measured>;
}
export interface Measured {
  ms: number;
  frames: number;
  messages: number;
  events: number;
  runs: number;
}
let prepared: Prepared | null = null;

/**
 * A worker with `history` finished runs of `flow` and the page's data path of `mode` following
 * it; `go` then runs the flow once more, watched, until the page shows it finished.
 */
async function prepare(mode: 'before' | 'after', flow: unknown, flowId: string, history: number) {
  const name = `aios-protocol-bench-${mode}-${crypto.randomUUID()}`;
  const worker = new Worker(new URL('./protocolWorker.ts', import.meta.url), {
    type: 'module',
    name,
  });
  const remote = Comlink.wrap<BenchWorker>(worker);
  const start = async () => {
    const started = await remote.start({ flow, input: {} });
    if (!started.ok) throw new Error(started.error.message);
    return started.value.runId;
  };
  const finished = async (runId: string) => {
    for (;;) {
      const run = await valueOf(remote.run({ runId }));
      if (run?.finishedAt !== undefined) return;
      await frame();
    }
  };
  for (let i = 0; i < history; i++) await finished(await start());

  const shown: Shown = { runs: [], record: null, events: [], pending: [] };
  const page = mode === 'before' ? before(remote, flowId, shown) : after(worker, flowId, shown);
  for (let i = 0; i < 10; i++) await frame();
  prepared = {
    go: async () => {
      await remote.resetCount();
      posted = 0;
      let frames = 0;
      let counting = true;
      const tick = () => {
        if (!counting) return;
        frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      const runId = await start();
      page.watch(runId);
      while (shown.record?.status !== 'succeeded' || shown.events.at(-1)?.type !== 'run.succeeded')
        await frame();
      const ms = performance.now() - t0;
      counting = false;
      const messages = posted + (await remote.posted());
      worker.terminate();
      indexedDB.deleteDatabase(name);
      return { ms, frames, messages, events: shown.events.length, runs: shown.runs.length };
    },
  };
}

function go(): Promise<Measured> {
  if (!prepared) throw new Error('prepare first');
  const { go: run } = prepared;
  prepared = null;
  return run();
}

declare global {
  interface Window {
    aiosProtocolBench: { prepare: typeof prepare; go: typeof go };
  }
}
window.aiosProtocolBench = { prepare, go };
