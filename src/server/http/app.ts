import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { parseWith, ServiceError } from '../service/errors.ts';
import { tokenIsValid } from '../service/tokens.ts';
import type { EngineHost } from '../service/engineHost.ts';
import type { WorkspaceService } from '../service/workspace.ts';
import type { SqlQueryable } from '../sql/client.ts';
import { engineRoutes } from './engineRoutes.ts';
import { mcpEndpoint } from './mcpEndpoint.ts';

interface AppOptions {
  readonly service: WorkspaceService;
  readonly db: SqlQueryable;
  /** Origins of the app allowed to call from a browser (CORS); nothing else is. */
  readonly appOrigins: readonly string[];
  /** The engine protocol the app speaks (`/api/engine/…`), and the stream runs are heard on. */
  readonly engine: EngineHost;
  readonly log?: (line: string) => void;
}

const kb = 1024;
const seqSchema = z.coerce.number().int().min(0);
const tooLarge = (what: string, max: number) => (c: Context) =>
  c.json(
    new ServiceError('too-large', `${what} is larger than ${max / kb} KB`, 'body').toJSON(),
    413,
  );

/** Reads a JSON body; a body that is not JSON is an error naming it. */
async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      'invalid-request',
      `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      'body',
    );
  }
}

/**
 * The HTTP API: thin handlers over `WorkspaceService`. Every route but a flow's webhook needs the
 * access token (`Authorization: Bearer aios_…`); the webhook needs the flow's secret instead.
 */
export function createApp({ service, db, appOrigins, engine, log }: AppOptions): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ServiceError) return c.json(error.toJSON(), error.status);
    log?.(`error on ${c.req.method} ${c.req.path}: ${error.message}`);
    return c.json(
      { error: { code: 'internal', message: 'the server failed on this request' } },
      500,
    );
  });
  app.notFound((c) =>
    c.json(
      { error: { code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  // A flow's webhook: signed by its sender, never called from the app's pages.
  app.post(
    '/hooks/:flowId',
    bodyLimit({ maxSize: 256 * kb, onError: tooLarge('a webhook body', 256 * kb) }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const delivered = await service.webhook(c.req.param('flowId'), raw, (name) =>
        c.req.header(name),
      );
      return c.json(delivered, delivered.duplicate ? 200 : 202);
    },
  );

  const api = new Hono();
  api.use(
    '*',
    cors({
      origin: [...appOrigins],
      allowHeaders: ['authorization', 'content-type', 'last-event-id'],
      allowMethods: ['GET', 'POST', 'PUT'],
    }),
  );
  api.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token || !(await tokenIsValid(db, token)))
      throw new ServiceError(
        'unauthorized',
        'send the access token as "Authorization: Bearer aios_…" (printed when the server first started)',
        'headers.authorization',
      );
    return next();
  });
  api.use('*', bodyLimit({ maxSize: 1024 * kb, onError: tooLarge('a request body', 1024 * kb) }));

  api.post('/flows', async (c) => c.json(await service.deploy(await jsonBody(c)), 201));
  api.get('/flows', async (c) => c.json(await service.flows()));
  api.post('/flows/:flowId/runs', async (c) => {
    const key = c.req.header('idempotency-key');
    const started = await service.startRun(
      c.req.param('flowId'),
      await jsonBody(c),
      key === undefined ? undefined : { key, where: 'headers.idempotency-key' },
    );
    return c.json(started, started.duplicate ? 200 : 202);
  });
  api.get('/runs', async (c) => c.json(await service.runs(c.req.query())));
  api.get('/runs/:runId', async (c) => c.json(await service.run(c.req.param('runId'))));
  api.get('/runs/:runId/events', async (c) =>
    c.json(await service.events(c.req.param('runId'), c.req.query())),
  );
  api.get('/runs/:runId/stream', async (c) => {
    const runId = c.req.param('runId');
    await service.run(runId);
    // A reconnecting EventSource sends the last seq it saw; a first connection may ask `?from=`.
    const lastSeen = c.req.header('last-event-id');
    const from =
      lastSeen !== undefined
        ? parseWith(seqSchema, lastSeen, 'headers.last-event-id') + 1
        : parseWith(seqSchema, c.req.query('from') ?? '1', 'query.from');
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      for await (const event of engine.runEvents(runId, Math.max(1, from), stop.signal))
        await stream.writeSSE({
          id: String(event.seq),
          event: event.type,
          data: JSON.stringify(event),
        });
    });
  });
  api.put('/secrets/:name', async (c) =>
    c.json(await service.setSecret(c.req.param('name'), await jsonBody(c))),
  );
  api.get('/secrets', async (c) => c.json(await service.secretNames()));
  api.get('/approvals', async (c) => c.json(await service.approvals(c.req.query('runId'))));
  api.post('/approvals/:key/decision', async (c) =>
    c.json(await service.decide(c.req.param('key'), await jsonBody(c)), 202),
  );
  engineRoutes(api, engine, jsonBody);
  mcpEndpoint(api, service, db);
  app.route('/api', api);
  return app;
}
