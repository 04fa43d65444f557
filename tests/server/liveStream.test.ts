import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/engine/index.ts';
import { queues } from '../../src/server/dispatch/queue.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { deployFlow } from '../../src/server/store/flows.ts';
import type { Heard } from '../../src/worker/client.ts';
import { connectServer, type ServerClient } from '../../src/worker/serverClient.ts';
import { flow, link, node } from '../unit/build.ts';
import { eventually } from './poll.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { runLockSpace, Workers } from './workers.ts';
import type { Loopback } from '../stand-ins/loopback.ts';
import { ollamaStandIn } from '../stand-ins/ollama.ts';

/**
 * The app's stream from `aios serve --workers 0` on a real PostgreSQL while two `aios worker`
 * processes drive the runs: whatever they write reaches the stream as they commit (LISTEN/NOTIFY),
 * each event once and in order, and a dropped listening connection is said as a reset.
 */
const reviewed = flow(
  'live-review',
  [node('start', 'start'), node('review', 'approval', { title: 'Go on?' }), node('end', 'output')],
  [link('start', 'review'), link('review', 'end', 'approved')],
);

/** start → an agent whose answer streams in (its progress) → output. */
const modelName = 'llama3.2';
const drafting = flow(
  'live-draft',
  [
    node('start', 'start'),
    node('draft', 'agent', {
      role: 'You write short notes.',
      prompt: 'Write a note.',
      model: { provider: 'default', name: modelName, temperature: 0, maxTokens: 200 },
      tools: [],
      output: [{ name: 'note', type: 'text', required: true, description: '' }],
    }),
    node('end', 'output', { value: '$nodes.draft', status: 'succeeded' }),
  ],
  [link('start', 'draft'), link('draft', 'end')],
);

let model: Loopback;
let postgres: TestPostgres;
let server: RunningServer;
let workers: Workers;
let dir: string;
let app: ServerClient;
const heard: Heard[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'aios-live-'));
  server = await startServer({
    database: { kind: 'postgres', url: postgres.url },
    dataDir: dir,
    workers: 0,
    timing: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [],
    env: {},
    scheduleEverySeconds: 0,
  });
  model = await ollamaStandIn([modelName]).start();
  workers = new Workers(['--database', postgres.url, '--workers', '1'], {
    AIOS_LLM_BASE_URL: `${model.url}/v1`,
  });
  await Promise.all([workers.spawn(), workers.spawn()]);
  app = connectServer({ url: server.url, token: server.newToken ?? '' });
  app.listen((h) => heard.push(h));
  await eventually(() => app.link().state === 'connected' || undefined, 'the stream to open');
}, 120_000);

afterAll(async () => {
  app?.dispose();
  await workers?.stopAll();
  await model?.stop();
  await server?.close();
  postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const eventsOf = (runId: string): RunEvent[] =>
  heard.flatMap((h) => (h.kind === 'event' && h.event.runId === runId ? [h.event] : []));
const statusesOf = (runId: string) =>
  heard.flatMap((h) => (h.kind === 'record' && h.run.id === runId ? [h.run.status] : []));

async function heardType(runId: string, type: RunEvent['type']) {
  return eventually(
    () => eventsOf(runId).find((e) => e.type === type),
    `${type} of ${runId} on the stream`,
    30_000,
  );
}

describe('the stream across processes', () => {
  it('carries a run driven by another process live, each event once, in order', async () => {
    const started = await app.api.start({ flow: reviewed, input: {} });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;

    // This process drives nothing: what the stream says of the run came from the workers.
    await heardType(runId, 'approval.requested');
    expect(server.core.worker).toBeUndefined();
    await eventually(() => statusesOf(runId).includes('waiting') || undefined, 'waiting');
    const ask = await eventually(async () => {
      const pending = await app.api.pending();
      return pending.ok ? pending.value.find((p) => p.runId === runId) : undefined;
    }, 'the approval');

    // The run's own SSE stream, opened while it waits: what follows the decision arrives live.
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/runs/${runId}/stream`, {
      headers: { authorization: `Bearer ${server.newToken ?? ''}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let sse = '';
    const readUntil = async (needle: string) => {
      while (!sse.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the run's stream ended before ${needle}: ${sse}`);
        sse += new TextDecoder().decode(value);
      }
    };
    await readUntil('event: approval.requested');

    const decided = await app.api.decide({ key: ask.key, answer: { decision: 'approved' } });
    expect(decided.ok).toBe(true);
    await readUntil('event: run.succeeded');
    controller.abort();
    await heardType(runId, 'run.succeeded');
    await eventually(() => statusesOf(runId).includes('succeeded') || undefined, 'succeeded');

    // Exactly the stored log, gapless, each event once, in the order written.
    const stored = await server.core.store.events(runId);
    const streamed = eventsOf(runId);
    expect(streamed.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(streamed).toEqual(stored);
    expect(streamed.map((e) => e.type)).toContain('approval.decided');
    // The run was parked and decided in worker processes: resumed there, never here.
    expect(streamed.filter((e) => e.type === 'run.resumed').length).toBeGreaterThanOrEqual(1);
    // The run's SSE stream: the same log, by seq, each once.
    const ids = [...sse.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(stored.map((e) => e.seq));
  });

  it("carries the progress of another process's agent as its answer streams in", async () => {
    const started = await app.api.start({ flow: drafting, input: {} });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const drafted = await eventually(
      () => eventsOf(runId).find((e) => e.type === 'node.succeeded' && e.node === 'draft'),
      'the draft on the stream',
      30_000,
    );
    const note = (drafted as { output: { note: string } }).output.note;
    const texts = await eventually(() => {
      const found = heard.flatMap((h) =>
        h.kind === 'progress' && h.progress.runId === runId && h.progress.node === 'draft'
          ? [h.progress.text]
          : [],
      );
      return found.length > 0 ? found : undefined;
    }, "the agent's progress on the stream");
    // Each the answer so far: it agrees with the note the agent ended with.
    const answer = `{"note":${JSON.stringify(note)}`;
    for (const text of texts) expect(answer.startsWith(text) || text.startsWith(answer)).toBe(true);
    // This process drives nothing: the progress came from a worker process.
    expect(server.core.worker).toBeUndefined();
  }, 60_000);

  it('says a reset when its listening connection drops, and goes on hearing after', async () => {
    const before = heard.length;
    const { rows } = await server.core.db.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
       WHERE query ILIKE 'LISTEN aios_run_changes%' AND pid <> pg_backend_pid()`,
    );
    expect(rows).toHaveLength(1);
    await eventually(
      () => heard.slice(before).find((h) => h.kind === 'reset'),
      'a reset after the drop',
    );

    const started = await app.api.start({ flow: reviewed, input: {} });
    if (!started.ok) throw new Error(started.error.message);
    await heardType(started.value.runId, 'approval.requested');
  });
});

describe('dispatch across processes', () => {
  it('hands a job whose run a live worker holds on to a later job, using up no retries', async () => {
    const quick = flow(
      'held-quick',
      [node('start', 'start'), node('end', 'output')],
      [link('start', 'end')],
    );
    await deployFlow(server.core.db, quick, Date.now());
    const runId = 'held-elsewhere-1';
    // This test holds the run's lock as a live worker would, on a session of its own.
    const holder = await server.core.db.session();
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [runLockSpace, runId]);
    try {
      const start = { flowId: quick.id, input: {} };
      await server.core.boss.send(queues.run, { runId, start }, { singletonKey: runId });
      const jobs = async () =>
        (
          await server.core.db.query(
            'SELECT state, retry_count FROM aios_queue.job WHERE name = $1 AND singleton_key = $2',
            [queues.run, runId],
          )
        ).rows.map((r) => ({ state: String(r['state']), retries: Number(r['retry_count']) }));
      // Each look finds the run held, completes, and queues the next: no retry is spent.
      await eventually(
        async () => (await jobs()).filter((j) => j.state === 'completed').length >= 2 || undefined,
        'two looks at the held run',
      );
      expect(await server.core.store.getRun(runId)).toBeUndefined();
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [runLockSpace, runId]);
      await eventually(
        async () => (await server.core.store.getRun(runId))?.status === 'succeeded' || undefined,
        'the run, let go, to be driven by a worker',
      );
      expect((await jobs()).map((j) => j.retries)).toEqual((await jobs()).map(() => 0));
    } finally {
      await holder.release();
    }
  }, 60_000);
});
