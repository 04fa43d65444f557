import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stand-in received, as it arrived. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly type: string;
  readonly text: string;
}

/** An answer: status, JSON body and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Failure {
  readonly path: RegExp;
  readonly status: number;
  times: number;
  readonly retryAfter?: string;
}

/**
 * An HTTP stand-in for a remote API on 127.0.0.1. Each service's stand-in answers as its API
 * documents (paths, auth header, encoding, error bodies, idempotency); injected failures answer
 * before the endpoint runs, so nothing is applied or remembered for them.
 */
export abstract class LoopbackStandIn {
  readonly requests: Seen[] = [];
  url = '';
  /** Called after an effect is applied and before it is answered (a test kills the engine here). */
  onApplied: ((what: string) => void) | undefined;
  private readonly failures: Failure[] = [];
  private readonly server = createServer((req, res) => void this.receive(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests whose path matches answer `status` (with `Retry-After`, if given). */
  failNext(path: RegExp, status: number, options: { times?: number; retryAfter?: string } = {}) {
    this.failures.push({ path, status, times: options.times ?? 1, ...options });
  }

  /** Requests whose `METHOD path` matches. */
  seen(pattern: RegExp): Seen[] {
    return this.requests.filter((r) => pattern.test(`${r.method} ${r.path}`));
  }

  protected abstract answer(seen: Seen): Reply;
  /** The service's documented error body for a status. */
  protected abstract errorBody(status: number, message: string): unknown;

  protected applied(what: string): void {
    this.onApplied?.(what);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: Seen = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      type: (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
      text: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(seen);
    const failure = this.failures.find((f) => f.times > 0 && f.path.test(seen.path));
    let reply: Reply;
    if (failure) {
      failure.times--;
      reply = {
        status: failure.status,
        body: this.errorBody(failure.status, `injected ${failure.status}`),
        ...(failure.retryAfter ? { headers: { 'Retry-After': failure.retryAfter } } : {}),
      };
    } else {
      reply = this.answer(seen);
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }
}

/** What a service keeps per idempotency key: the request's fingerprint and its first answer. */
export class IdempotencyStore {
  private readonly kept = new Map<string, { fingerprint: string; reply: Reply }>();

  /** The kept answer for `key`: `replay` for the same request, `conflict` for another. */
  lookup(key: string, fingerprint: string): { replay: Reply } | { conflict: true } | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    return kept.fingerprint === fingerprint ? { replay: kept.reply } : { conflict: true };
  }

  keep(key: string, fingerprint: string, reply: Reply): void {
    this.kept.set(key, { fingerprint, reply });
  }
}
