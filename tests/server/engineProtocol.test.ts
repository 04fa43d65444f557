import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fact, isFact, withoutRestarts } from '../../src/canvas/debug/facts.ts';
import { pathOf, type RunEvent } from '../../src/engine/index.ts';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';
import type { StreamMessage } from '../../src/protocol/index.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import type { Heard } from '../../src/worker/client.ts';
import { connectServer, type ServerClient } from '../../src/worker/serverClient.ts';
import { eventually } from './poll.ts';

/** Start → an approval → output: a run that parks on the server until someone decides. */
function approvalFlow(id: string): Flow {
  const checked = validateFlow(
    {
      schemaVersion: 1,
      id,
      name: 'Ask first',
      nodes: [
        {
          id: 'start',
          type: 'start',
          position: { x: 0, y: 0 },
          data: {
            version: 1,
            label: 'Start',
            inputs: [{ name: 'topic', type: 'text', required: true, description: '' }],
          },
        },
        {
          id: 'review',
          type: 'approval',
          position: { x: 200, y: 0 },
          data: {
            version: 1,
            label: 'Review',
            title: 'Go on?',
            subject: '$',
            preview: 'Carry on',
            allowEdit: false,
            onTimeout: 'hold',
          },
        },
        {
          id: 'done',
          type: 'output',
          position: { x: 400, y: 0 },
          data: { version: 1, label: 'Done', value: '$run.input.topic', status: 'succeeded' },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceHandle: 'out', target: 'review', targetHandle: 'in' },
        {
          id: 'e2',
          source: 'review',
          sourceHandle: 'approved',
          target: 'done',
          targetHandle: 'in',
        },
      ],
    },
    catalog,
  );
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.flow;
}

const flow = approvalFlow('ask-first');
let server: RunningServer;
let dir: string;
let token: string;
const clients: ServerClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aios-engine-'));
  server = await startServer({
    database: { kind: 'pglite', dataDir: 'memory://' },
    dataDir: dir,
    workers: 1,
    timing: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
    host: '127.0.0.1',
    port: 0,
    appOrigins: ['http://127.0.0.1:4173'],
    env: {},
    scheduleEverySeconds: 0,
  });
  token = server.newToken ?? '';
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.dispose();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const client = (withToken = token) => {
  const made = connectServer({ url: server.url, ...(withToken ? { token: withToken } : {}) });
  clients.push(made);
  return made;
};

/** Reads SSE frames off a stream response until `enough` says stop; returns the messages. */
async function readStream(
  response: Response,
  enough: (messages: StreamMessage[]) => boolean,
): Promise<StreamMessage[]> {
  const messages: StreamMessage[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!enough(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const frames = text.split('\n\n');
    text = frames.pop() ?? '';
    for (const frame of frames) {
      const data = frame.split('\n').find((line) => line.startsWith('data: '));
      if (data) messages.push(JSON.parse(data.slice(6)) as StreamMessage);
    }
  }
  await reader.cancel();
  return messages;
}

describe("the engine protocol over the server's HTTP", () => {
  it('refuses a command without the token, an unknown command and bad parameters', async () => {
    const denied = await client('').api.runs({});
    expect(denied).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const unknown = await fetch(`${server.url}/api/engine/explode`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    const bad = await client().api.events({ runId: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', path: 'runId' } });
  });

  it('deploys and runs a flow on start, streams it, and finishes it on a decision', async () => {
    const app = client();
    const heard: Heard[] = [];
    app.listen((h) => heard.push(h));
    await eventually(() => app.link().state === 'connected' || undefined, 'the stream to open');
    const started = await app.api.start({
      flow,
      input: { topic: 'quarterly' },
      debug: { breakpoints: [], mode: 'run' },
    });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const flows = await fetch(`${server.url}/api/flows`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await flows.json()).toMatchObject([{ id: flow.id }]);
    const approval = await eventually(async () => {
      const pending = await app.api.pending();
      return pending.ok ? pending.value.find((p) => p.runId === runId) : undefined;
    }, 'the run to ask for its approval');
    expect(heard[0]).toMatchObject({ kind: 'reset' });
    await eventually(
      () =>
        heard.some(
          (h) =>
            h.kind === 'event' && h.event.runId === runId && h.event.type === 'approval.requested',
        ) || undefined,
      'the approval request on the stream',
    );
    const decided = await app.api.decide({ key: approval.key, answer: { decision: 'approved' } });
    expect(decided).toMatchObject({ ok: true, value: { decision: 'approved', by: 'user' } });
    await eventually(
      () =>
        heard.some(
          (h) => h.kind === 'record' && h.run.id === runId && h.run.status === 'succeeded',
        ) || undefined,
      'the finished record on the stream',
    );
    const again = await app.api.decide({ key: approval.key, answer: { decision: 'rejected' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'already-decided' } });
    const run = await app.api.run({ runId });
    expect(run).toMatchObject({
      ok: true,
      value: { status: 'succeeded', result: { value: 'quarterly' } },
    });
  });

  it('stops a run parked on an approval, closing the approval, and says which run it does not know', async () => {
    const app = client();
    const heard: Heard[] = [];
    app.listen((h) => heard.push(h));
    const started = await app.api.start({ flow, input: { topic: 'halted' } });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const approval = await eventually(async () => {
      const pending = await app.api.pending();
      return pending.ok ? pending.value.find((p) => p.runId === runId) : undefined;
    }, 'the run to park on its approval');
    const stopped = await app.api.stop({ runId });
    expect(stopped).toMatchObject({ ok: true, value: { id: runId, status: 'stopped' } });
    const record = await app.api.run({ runId });
    expect(record).toMatchObject({ ok: true, value: { status: 'stopped' } });

    // The inbox no longer has it, the log and the stream say why, and a late decision is refused.
    const pending = await app.api.pending();
    expect(pending.ok && pending.value.filter((p) => p.runId === runId)).toEqual([]);
    const events = await app.api.events({ runId });
    expect(events.ok && events.value.map((e) => e.type).slice(-2)).toEqual([
      'approval.closed',
      'run.stopped',
    ]);
    await eventually(
      () =>
        heard.some(
          (h) =>
            h.kind === 'event' && h.event.runId === runId && h.event.type === 'approval.closed',
        ) || undefined,
      'the closed approval on the stream',
    );
    const late = await app.api.decide({ key: approval.key, answer: { decision: 'approved' } });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'approval-closed', message: expect.stringContaining('stopped') as unknown },
    });
    const http = await fetch(
      `${server.url}/api/approvals/${encodeURIComponent(approval.key)}/decision`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approved' }),
      },
    );
    expect(http.status).toBe(409);
    expect(await http.json()).toMatchObject({ error: { code: 'approval-closed', field: 'key' } });
    const missing = await app.api.stop({ runId: 'no-such-run' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', path: 'runId' } });
  });

  it('replays a finished server run from its log, and forks one into a new server run', async () => {
    const app = client();
    const started = await app.api.start({ flow, input: { topic: 'twice' } });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const ask = await eventually(async () => {
      const pending = await app.api.pending();
      return pending.ok ? pending.value.find((p) => p.runId === runId) : undefined;
    }, 'the approval');
    await app.api.decide({ key: ask.key, answer: { decision: 'approved' } });
    await eventually(async () => {
      const run = await app.api.run({ runId });
      return run.ok && run.value?.status === 'succeeded' ? true : undefined;
    }, 'the run to finish');
    const log = await app.api.events({ runId });
    if (!log.ok) throw new Error(log.error.message);

    const replayed = await app.api.replay({ runId });
    if (!replayed.ok) throw new Error(replayed.error.message);
    // The same facts, as the debugger compares them: the review's first attempt, cut off when the
    // run parked, goes on in its restart after the decision.
    const told = (events: readonly RunEvent[]) =>
      withoutRestarts(pathOf(events)).filter(isFact).map(fact);
    expect(told(replayed.value.events)).toEqual(told(log.value));
    expect(log.value.map((e) => e.type)).toContain('run.resumed');

    // From just after the start node, with its output edited: a new run that asks again.
    const started1 = log.value.find((e) => e.type === 'node.succeeded' && e.node === 'start');
    if (!started1) throw new Error('no start step');
    const fork = await app.api.fork({
      runId,
      seq: started1.seq,
      edits: { outputs: { start: { topic: 'edited' } } },
      debug: { breakpoints: [], mode: 'run' },
    });
    if (!fork.ok) throw new Error(fork.error.message);
    const forkId = fork.value.runId;
    expect(forkId).not.toBe(runId);
    await eventually(async () => {
      const pending = await app.api.pending();
      return pending.ok ? pending.value.find((p) => p.runId === forkId) : undefined;
    }, 'the fork to ask again');
    const forked = await app.api.run({ runId: forkId });
    expect(forked).toMatchObject({
      ok: true,
      value: { status: 'waiting', parent: { runId, seq: started1.seq } },
    });
    const refused = await app.api.fork({
      runId,
      seq: started1.seq,
      edits: {},
      debug: { breakpoints: [{ node: 'review' }], mode: 'run' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('refuses breakpoints on the server rather than ignoring them', async () => {
    const refused = await client().api.start({
      flow,
      input: { topic: 'x' },
      debug: { breakpoints: [{ node: 'review' }], mode: 'run' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('resumes the stream after Last-Event-ID, and resets a stream id it does not know', async () => {
    const get = (query: string, lastEventId?: string) =>
      fetch(`${server.url}/api/engine/stream${query}`, {
        headers: {
          authorization: `Bearer ${token}`,
          ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
        },
      });
    const fresh = await readStream(await get(''), (m) => m.length >= 1);
    const greeting = fresh[0];
    if (greeting?.kind !== 'reset')
      throw new Error(`expected a reset first, got ${greeting?.kind}`);
    expect(greeting.seq).toBeGreaterThan(3);
    const resumed = await readStream(
      await get(`?stream=${greeting.stream}`, '2'),
      (m) => m.length >= 1 + (greeting.seq - 2),
    );
    expect(resumed[0]).toMatchObject({ kind: 'hello', seq: 2, stream: greeting.stream });
    expect(resumed.slice(1).map((m) => m.seq)).toEqual(
      Array.from({ length: greeting.seq - 2 }, (_, i) => i + 3),
    );
    const other = await readStream(await get('?stream=another', '2'), (m) => m.length >= 1);
    expect(other[0]).toMatchObject({ kind: 'reset', reason: 'the engine restarted' });
    const noToken = await fetch(`${server.url}/api/engine/stream`);
    expect(noToken.status).toBe(401);
  });
});
