import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { effectExecution } from '../../src/capabilities/compensate.ts';
import { defineCapability } from '../../src/capabilities/define.ts';
import { createRemote } from '../../src/capabilities/remote.ts';
import { resolveDefinition } from '../../src/capabilities/resolve.ts';
import { defineService } from '../../src/capabilities/service.ts';
import { Desk } from '../../src/engine/approvals.ts';
import { ManualClock, MemoryStore, NodeError, type Services } from '../../src/engine/index.ts';
import { flowShapeSchema } from '../../src/flow/index.ts';
import { offlineEngineServices } from '../engine/harness/world.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base = '';
const seen: Seen[] = [];
/** Answers by path: what a documented API would send. */
const answers: Record<string, { status: number; headers?: Record<string, string>; body: unknown }> =
  {
    '/v1/things': { status: 200, body: { id: 'th_1', object: 'thing' } },
    '/v1/refused': {
      status: 401,
      body: {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_***' },
      },
    },
    '/v1/busy': {
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { message: 'Too many requests' } },
    },
    '/v1/odd': { status: 200, body: { object: 'thing' } },
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers[(req.url ?? '').split('?')[0] ?? ''] ?? { status: 404, body: {} };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const service = defineService({
  id: 'things',
  title: 'Things',
  docs: 'https://things.test/docs',
  baseUrl: 'https://things.invalid',
  auth: { scheme: 'bearer' },
  secretLabel: 'Secret key',
  encoding: 'form',
  idempotencyHeader: 'Idempotency-Key',
  runsOn: 'server',
  errorMessage: (body) =>
    z.object({ error: z.object({ message: z.string() }) }).safeParse(body).data?.error.message,
});
const create = defineCapability({
  id: 'things.create',
  title: 'Create a thing',
  description: 'Creates a thing.',
  sideEffect: 'write',
  service,
  input: z.object({ path: z.string() }),
  output: z.object({ id: z.string() }),
  idempotency: 'remote-dedupes',
  call: (input, { remote }) =>
    remote.send(
      {
        method: 'POST',
        path: input.path,
        query: { expand: 'lines' },
        body: { customer: 'cus_1', lines: [{ amount: 1200, description: 'A & B' }] },
      },
      z.object({ id: z.string() }),
    ),
});

const flow = flowShapeSchema.parse({ schemaVersion: 1, id: 'f', name: 'f', nodes: [], edges: [] });

function execution(place: 'browser' | 'server', connections: Services['connections']) {
  const clock = new ManualClock();
  const store = new MemoryStore();
  const services: Services = {
    ...offlineEngineServices(clock),
    place,
    connections,
    secrets: { get: (name) => Promise.resolve(name === 'THINGS_KEY' ? 'sk_test_123' : undefined) },
    ledger: { get: (key) => store.getEffect(key), put: (effect) => store.putEffect(effect) },
    approvals: new Desk(store, clock, () => Promise.resolve()),
  };
  const effect = {
    key: 'k1',
    runId: 'r1',
    nodeId: 'n1',
    capability: create.id,
    status: 'started' as const,
    input: {},
    startedAt: 0,
  };
  return effectExecution(effect, flow, services, () => {}, 'test', {});
}

const call = (
  path: string,
  connections: Services['connections'] = { things: { baseUrl: base, secret: 'THINGS_KEY' } },
) => {
  const x = execution('server', connections);
  return create.call({ path }, { key: 'key-1', x, remote: createRemote(create, 'key-1', x) });
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(NodeError);
      return error as NodeError;
    },
  );

describe('createRemote', () => {
  it('form-encodes with bracketed keys, signs, and sends the idempotency key', async () => {
    expect(await call('/v1/things')).toEqual({ id: 'th_1' });
    const request = seen.at(-1);
    expect(request?.url).toBe('/v1/things?expand=lines');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['authorization']).toBe('Bearer sk_test_123');
    expect(request?.headers['idempotency-key']).toBe('key-1');
    expect(new URLSearchParams(request?.body).get('lines[0][description]')).toBe('A & B');
    expect(new URLSearchParams(request?.body).get('lines[0][amount]')).toBe('1200');
  });

  it('says a 401 is a refused key, in the service’s own words, and not worth retrying', async () => {
    const error = await failure(call('/v1/refused'));
    expect(error.message).toMatch(/^Things refused the key \(401\): Invalid API Key provided/);
    expect(error.extra).toMatchObject({ status: 401, retryable: false });
  });

  it('keeps a 429’s Retry-After for the retry', async () => {
    const error = await failure(call('/v1/busy'));
    expect(error.extra).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000 });
  });

  it('names the field when a 2xx answer is not the documented shape', async () => {
    const error = await failure(call('/v1/odd'));
    expect(error.code).toBe('bad-response');
    expect(error.message).toMatch(/Things answered POST \/v1\/odd .*: id: /);
    // An answer that arrived means the effect may have happened: no status, so not "refused".
    expect(error.extra.status).toBeUndefined();
  });

  it('waits for a connection that is not set up', async () => {
    const error = await failure(call('/v1/things', {}));
    expect(error.extra.needs).toEqual({ kind: 'connection', name: 'things' });
  });
});

describe('where a capability runs', () => {
  it('refuses a server-only capability in the browser before anything is sent', async () => {
    const before = seen.length;
    const x = execution('browser', { things: { baseUrl: base, secret: 'THINGS_KEY' } });
    const error = await failure(resolveDefinition(create).call({ path: '/v1/things' }, 'k2', x));
    expect(error.code).toBe('needs-server');
    expect(error.message).toMatch(/Create a thing runs on the workspace server/);
    expect(error.extra.unsent).toBe(true);
    expect(seen.length).toBe(before);
  });

  it('calls it on a server', async () => {
    const x = execution('server', { things: { baseUrl: base, secret: 'THINGS_KEY' } });
    expect(await resolveDefinition(create).call({ path: '/v1/things' }, 'k3', x)).toEqual({
      id: 'th_1',
    });
  });
});
