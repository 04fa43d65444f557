import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { dispatch, type StreamMessage } from '../../protocol/index.ts';
import { parseWith } from '../service/errors.ts';
import type { EngineHost } from '../service/engineHost.ts';

const streamQuery = z.strictObject({
  stream: z.string().min(1).max(100).optional(),
  after: z.coerce.number().int().nonnegative().optional(),
});
const seqHeader = z.coerce.number().int().nonnegative();
/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/**
 * The engine protocol over HTTP, under the API's token check: `POST /engine/<command>` with the
 * parameter object as the JSON body, answered by `dispatch` (always 200: the answer is a
 * `Result`), and `GET /engine/stream` as SSE, each message's `seq` its event id. A client resumes
 * with `?stream=<id>` and `Last-Event-ID` (or `?after=`): what it missed follows a `hello`, or a
 * `reset` says to read everything again.
 */
export function engineRoutes(api: Hono, host: EngineHost, body: (c: Context) => Promise<unknown>) {
  api.post('/engine/:command', async (c) =>
    c.json(await dispatch(host.api, c.req.param('command'), await body(c))),
  );
  api.get('/engine/stream', (c) => {
    const query = parseWith(streamQuery, c.req.query(), 'query');
    const lastSeen = c.req.header('last-event-id');
    const after =
      lastSeen !== undefined && lastSeen !== ''
        ? parseWith(seqHeader, lastSeen, 'headers.last-event-id')
        : query.after;
    const from =
      query.stream !== undefined && after !== undefined
        ? { stream: query.stream, after }
        : undefined;
    return streamSSE(c, async (stream) => {
      let writing = Promise.resolve();
      const write = (message: StreamMessage) => {
        writing = writing
          .then(() => stream.writeSSE({ id: String(message.seq), data: JSON.stringify(message) }))
          .catch(() => undefined);
      };
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      const off = host.hub.subscribe(write, from);
      const timer = setInterval(() => {
        writing = writing
          .then(() => stream.write(': keep-alive\n\n'))
          .then(
            () => undefined,
            () => undefined,
          );
      }, KEEPALIVE_MS);
      try {
        await closed;
      } finally {
        clearInterval(timer);
        off();
      }
    });
  });
}
