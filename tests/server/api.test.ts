import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord, RunEvent } from '../../src/engine/index.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { signBody } from '../../src/server/service/webhooks.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';
import { eventually } from './poll.ts';

const secret = 'hook-secret-0123456789';
const appOrigin = 'http://127.0.0.1:4173';
const flow = chainFlow('hooked', 2, true, [
  { type: 'manual' },
  { type: 'webhook', secret: 'HOOK_SECRET', signatureHeader: 'X-Signature-256' },
]);
let server: RunningServer;
let remote: CountingRemote;
let dir: string;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aios-api-'));
  remote = await new CountingRemote().start();
  server = await startServer({
    database: { kind: 'pglite', dataDir: 'memory://' },
    dataDir: dir,
    workers: 1,
    timing: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
    connections: { crm: { baseUrl: `${remote.url}/crm` } },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [appOrigin],
    env: {},
  });
  token = server.newToken ?? '';
}, 60_000);
afterAll(async () => {
  await server?.close();
  await remote?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as unknown) : null };
}

const hook = (body: string, headers: Record<string, string>) =>
  fetch(`${server.url}/hooks/${flow.id}`, { method: 'POST', body, headers });

describe('the workspace server over HTTP', () => {
  it('made one access token on first start, and refuses requests without it', async () => {
    expect(token).toMatch(/^aios_[A-Za-z0-9_-]{40,}$/);
    expect((await call('GET', '/api/flows', undefined, { authorization: '' })).status).toBe(401);
    const wrong = await call('GET', '/api/runs', undefined, { authorization: 'Bearer aios_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: { field: 'headers.authorization' } });
    const stored = await server.core.db.query('SELECT sha256 FROM aios_tokens');
    expect(JSON.stringify(stored.rows)).not.toContain(token);
  });

  it('refuses a flow that does not validate, naming the field, and deploys a valid one', async () => {
    const broken = {
      ...flow,
      nodes: flow.nodes.map((n) => (n.id === 'log1' ? { ...n, type: 'nope' } : n)),
    };
    const refused = await call('POST', '/api/flows', { flow: broken });
    expect(refused.status).toBe(400);
    const error = (refused.json as { error: { code: string; field: string } }).error;
    expect(error.code).toBe('invalid-flow');
    expect(error.field).toMatch(/^body\.flow\.nodes/);
    const extra = await call('POST', '/api/flows', { flow, secret });
    expect(extra.json).toMatchObject({ error: { code: 'invalid-request' } });
    const deployed = await call('POST', '/api/flows', { flow });
    expect(deployed.status).toBe(201);
    expect(deployed.json).toMatchObject({ id: flow.id, version: 1, webhook: true });
    const listed = await call('GET', '/api/flows');
    expect(listed.json).toMatchObject([{ id: flow.id, webhook: true }]);
    expect(listed.text).not.toContain(secret);
  });

  it('keeps secrets sealed: set through the API, listed by name, never returned', async () => {
    const bad = await call('PUT', '/api/secrets/no%20spaces', { value: 'x' });
    expect(bad.json).toMatchObject({ error: { field: 'name' } });
    expect((await call('PUT', '/api/secrets/HOOK_SECRET', {})).json).toMatchObject({
      error: { field: 'body.value' },
    });
    // Too short to be masked in the log: refused, not kept.
    const short = await call('PUT', '/api/secrets/HOOK_SECRET', { value: '12345' });
    expect(short.status).toBe(400);
    expect(short.json).toMatchObject({ error: { field: 'body.value' } });
    expect(short.text).toMatch(/at least 6 characters/);
    const set = await call('PUT', '/api/secrets/HOOK_SECRET', { value: secret });
    expect(set.json).toEqual({ name: 'HOOK_SECRET' });
    const names = await call('GET', '/api/secrets');
    expect(names.json).toEqual(['HOOK_SECRET']);
    const stored = await server.core.db.query('SELECT sealed FROM aios_secrets');
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
    expect(await server.core.secrets.get('HOOK_SECRET')).toBe(secret);
  });

  it('answers a bad signature with 401 and makes no run', async () => {
    const body = JSON.stringify({ contact: 'pat' });
    const forged = await hook(body, {
      'x-signature-256': signBody('not-the-secret-at-all', body),
      'idempotency-key': 'd0',
    });
    expect(forged.status).toBe(401);
    const tampered = await hook(JSON.stringify({ contact: 'eve' }), {
      'x-signature-256': signBody(secret, body),
    });
    expect(tampered.status).toBe(401);
    expect((await hook(body, { authorization: `Bearer ${secret}` })).status).toBe(401);
    expect((await hook(body, {})).status).toBe(401);
    expect((await call('GET', '/api/runs')).json).toEqual([]);
  });

  it('refuses a signed body that is not the Start node’s input, naming the field', async () => {
    const body = JSON.stringify({ contact: 7 });
    const response = await hook(body, { 'x-signature-256': signBody(secret, body) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'body.contact' } });
  });

  it('makes one run of a delivery sent three times, which parks, is decided once and ends', async () => {
    const body = JSON.stringify({ contact: 'pat' });
    const headers = { 'x-signature-256': signBody(secret, body), 'idempotency-key': 'delivery-1' };
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const response = await hook(body, headers);
      answers.push({
        status: response.status,
        body: (await response.json()) as { runId: string; duplicate: boolean },
      });
    }
    expect(answers.map((a) => a.status)).toEqual([202, 200, 200]);
    const runId = answers[0]!.body.runId;
    expect(answers.map((a) => a.body)).toEqual([
      { runId, duplicate: false },
      { runId, duplicate: true },
      { runId, duplicate: true },
    ]);

    const [approval] = await eventually(async () => {
      const list = (await call('GET', `/api/approvals?runId=${runId}`)).json as ApprovalRecord[];
      return list.length > 0 ? list : undefined;
    }, 'the approval');
    expect((await call('GET', '/api/runs')).json).toMatchObject([{ id: runId }]);
    const path = `/api/approvals/${encodeURIComponent(approval!.key)}/decision`;
    expect((await call('POST', path, { decision: 'maybe' })).json).toMatchObject({
      error: { field: 'body.decision' },
    });
    expect((await call('POST', path, { decision: 'approved' })).status).toBe(202);
    const second = await call('POST', path, { decision: 'rejected' });
    expect(second.status).toBe(409);

    const done = await eventually(async () => {
      const run = (await call('GET', `/api/runs/${runId}`)).json as { status: string };
      return run.status === 'succeeded' ? run : undefined;
    }, 'the run to end');
    expect(done).toMatchObject({ status: 'succeeded', flowId: flow.id });
    const events = (await call('GET', `/api/runs/${runId}/events`)).json as RunEvent[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'approval.decided')).toHaveLength(1);
    expect([...remote.applied.values()]).toEqual([1, 1]);
    expect((await call('GET', `/api/runs/${runId}/events?from=0`)).status).toBe(400);

    // The live stream replays from the start and carries the run to its end.
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/runs/${runId}/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: run.succeeded')) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain(`id: ${events.length}\n`);
    expect(text).toContain('event: run.started');

    // Reconnecting with the last seq seen gets what came after it only.
    const resumed = new AbortController();
    const again = await fetch(`${server.url}/api/runs/${runId}/stream`, {
      headers: { authorization: `Bearer ${token}`, 'last-event-id': String(events.length - 1) },
      signal: resumed.signal,
    });
    const first = new TextDecoder().decode((await again.body!.getReader().read()).value);
    resumed.abort();
    expect(first).toContain(`id: ${events.length}\n`);
    expect(first).not.toContain(`id: ${events.length - 1}\n`);
    const bad = await fetch(`${server.url}/api/runs/${runId}/stream`, {
      headers: { authorization: `Bearer ${token}`, 'last-event-id': 'soon' },
    });
    expect(bad.status).toBe(400);
  }, 60_000);

  it('makes one run of a start sent again with its Idempotency-Key', async () => {
    const path = `/api/flows/${flow.id}/runs`;
    const body = { input: { contact: 'kim' } };
    const first = await call('POST', path, body, { 'idempotency-key': 'start-1' });
    expect(first.status).toBe(202);
    const again = await call('POST', path, body, { 'idempotency-key': 'start-1' });
    expect(again.status).toBe(200);
    const { runId } = first.json as { runId: string };
    expect(again.json).toEqual({ runId, duplicate: true });
    const other = await call('POST', path, body, { 'idempotency-key': 'start-2' });
    expect((other.json as { runId: string }).runId).not.toBe(runId);
    const bad = await call('POST', path, body, { 'idempotency-key': 'k'.repeat(300) });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { field: 'headers.idempotency-key' } });
    // A refused start claims no key: sent again, valid, it makes its run.
    const refused = await call('POST', path, { input: {} }, { 'idempotency-key': 'start-3' });
    expect(refused.status).toBe(400);
    expect((await call('POST', path, body, { 'idempotency-key': 'start-3' })).status).toBe(202);
  });

  it('refuses an Idempotency-Key sent again with another input, naming the key', async () => {
    const path = `/api/flows/${flow.id}/runs`;
    const key = { 'idempotency-key': 'start-4' };
    const first = await call('POST', path, { input: { contact: 'kim' } }, key);
    expect(first.status).toBe(202);
    const { runId } = first.json as { runId: string };
    const other = await call('POST', path, { input: { contact: 'lee' } }, key);
    expect(other.status).toBe(409);
    expect(other.json).toMatchObject({
      error: {
        code: 'idempotency-conflict',
        field: 'headers.idempotency-key',
        fix: expect.stringContaining('new idempotency key') as unknown,
      },
    });
    const { message } = (other.json as { error: { message: string } }).error;
    expect(message).toContain('"start-4"');
    expect(message).toContain(runId);
    // The refusal leaves the first claim as it was: its own input still answers its run.
    const again = await call('POST', path, { input: { contact: 'kim' } }, key);
    expect(again.json).toEqual({ runId, duplicate: true });
    const fresh = await call(
      'POST',
      path,
      { input: { contact: 'lee' } },
      { 'idempotency-key': 'start-5' },
    );
    expect(fresh.status).toBe(202);
  });

  it('limits bodies, answers CORS for the app only, and names unknown things', async () => {
    // The server answers before the body is all sent, and then hangs up: read the status only.
    const big = await new Promise<number | undefined>((resolve) => {
      const req = request(`${server.url}/api/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      req.on('response', (res) => resolve(res.statusCode));
      req.on('error', () => resolve(undefined));
      req.end(JSON.stringify({ flow: 'x'.repeat(1100 * 1024) }));
    });
    expect(big).toBe(413);
    expect((await call('POST', '/api/flows', '{not json')).json).toMatchObject({
      error: { field: 'body' },
    });
    expect((await call('GET', '/api/runs/nope')).status).toBe(404);
    expect((await call('POST', '/api/flows/nope/runs', {})).json).toMatchObject({
      error: { field: 'flowId' },
    });
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/runs`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    expect((await preflight(appOrigin)).headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(
      (await preflight('http://evil.test')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
