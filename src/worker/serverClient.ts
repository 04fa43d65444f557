import { EventSourceParserStream } from 'eventsource-parser/stream';
import {
  commandNames,
  isStreamMessage,
  StreamFollower,
  type CommandName,
  type EngineApi,
  type Result,
  type StreamMessage,
} from '../protocol/index.ts';
import type { EngineClient, Heard } from './client.ts';

/** Where a workspace server is and the access token it asks for (none when it asks for none). */
export interface ServerAddress {
  readonly url: string;
  readonly token?: string;
}

/** How the stream to a server is doing: what the header shows. */
export type LinkState =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'disconnected'; readonly reason: string };

export interface ServerClient extends EngineClient {
  readonly link: () => LinkState;
  /** Hears every change of `link()`; returns the unsubscribe. */
  onLink(listener: (link: LinkState) => void): () => void;
}

interface ServerClientOptions {
  readonly fetch?: typeof fetch;
  /** Wait before the first reconnect; doubled after each failure up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/** The server's JSON error body (`{ error: { code, message, field } }`) as a command's error. */
function errorOf(status: number, body: unknown, url: string): Result<never> {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)
    ?.error;
  const code = typeof error?.code === 'string' ? error.code : `http-${status}`;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `the workspace server at ${url} answered ${status}`;
  return {
    ok: false,
    error: { code, message, ...(typeof error?.field === 'string' ? { path: error.field } : {}) },
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The engine protocol over HTTP to a workspace server: each command a `POST /api/engine/<name>`
 * answered with its `Result`, the stream one SSE response read with `fetch` (so the token goes in
 * a header, never the URL), resumed after a drop from the last seq seen.
 * @example const server = connectServer({ url: 'http://127.0.0.1:4280', token }); await server.api.runs({});
 */
export function connectServer(
  address: ServerAddress,
  options: ServerClientOptions = {},
): ServerClient {
  const base = address.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const headers = (extra: Record<string, string> = {}) => ({
    ...(address.token ? { authorization: `Bearer ${address.token}` } : {}),
    ...extra,
  });
  const call = async (name: CommandName, params: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/engine/${name}`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(params ?? {}),
      });
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'unreachable',
          message: `Can’t reach the workspace server at ${base}: ${describe(error)}`,
        },
      };
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) return errorOf(response.status, body, base);
    if (
      typeof body !== 'object' ||
      body === null ||
      typeof (body as Result<unknown>).ok !== 'boolean'
    )
      return errorOf(response.status, null, base);
    return body as Result<unknown>;
  };
  const api = Object.fromEntries(
    commandNames.map((name) => [name, (params?: unknown) => call(name, params)]),
  ) as unknown as EngineApi;

  const listeners = new Set<(heard: Heard) => void>();
  const linkListeners = new Set<(link: LinkState) => void>();
  const follower = new StreamFollower();
  const stop = new AbortController();
  let link: LinkState = { state: 'connecting' };
  const setLink = (next: LinkState) => {
    link = next;
    for (const listener of linkListeners) listener(next);
  };
  const hear = (heard: Heard) => {
    for (const listener of listeners) listener(heard);
  };
  const receive = (message: StreamMessage) => {
    const step = follower.receive(message);
    if (step.type === 'deliver') hear(step.body);
    else if (step.type === 'reset') hear({ kind: 'reset', reason: step.reason });
  };

  /** Reads the stream once, until it ends or fails; throws why it ended. */
  const readOnce = async (): Promise<never> => {
    const at = follower.position();
    const query = at ? `?stream=${encodeURIComponent(at.stream)}` : '';
    const response = await doFetch(`${base}/api/engine/stream${query}`, {
      headers: headers({
        accept: 'text/event-stream',
        ...(at ? { 'last-event-id': String(at.after) } : {}),
      }),
      signal: stop.signal,
    });
    if (!response.ok || !response.body) {
      const failed = errorOf(response.status, await response.json().catch(() => null), base);
      throw new Error(failed.ok ? `answered ${response.status}` : failed.error.message);
    }
    setLink({ state: 'connected' });
    const events = response.body
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream());
    for await (const event of events) {
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        continue;
      }
      if (isStreamMessage(message)) receive(message);
    }
    throw new Error('the server closed the stream');
  };

  const follow = async () => {
    const first = options.retryMs ?? 1_000;
    let wait = first;
    while (!stop.signal.aborted) {
      try {
        await readOnce();
      } catch (error) {
        if (stop.signal.aborted) return;
        const wasUp = link.state === 'connected';
        setLink({ state: 'disconnected', reason: describe(error) });
        // What happened while away is read again when the stream comes back (a hello or reset).
        if (wasUp) wait = first;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {
          once: true,
        });
      });
      wait = Math.min(wait * 2, options.maxRetryMs ?? 10_000);
    }
  };
  let following = false;

  return {
    api,
    link: () => link,
    onLink(listener) {
      linkListeners.add(listener);
      return () => void linkListeners.delete(listener);
    },
    listen(listener) {
      listeners.add(listener);
      if (!following) {
        following = true;
        void follow();
      }
      return () => void listeners.delete(listener);
    },
    dispose() {
      stop.abort();
      listeners.clear();
      linkListeners.clear();
    },
  };
}
