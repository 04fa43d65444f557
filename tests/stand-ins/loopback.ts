import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stand-in received, as sent. */
export interface Received {
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as sent, and parsed when it was JSON (undefined otherwise). */
  readonly text: string;
  readonly json: unknown;
}

/** An answer: a JSON body (object or array), a text body (string), or none. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The content type of a text body (services differ: Slack's webhooks say text/html). */
  readonly type?: string;
}

/**
 * A remote service on 127.0.0.1, answering as `handle` says: the per-service files give the
 * service's documented paths, auth and error bodies. Tests inject what the real service does under
 * load (`failNext`) and a call it applies but never answers (`holdNext`, a crash mid-call).
 */
export class Loopback {
  readonly received: Received[] = [];
  url = '';
  private readonly faults: { path: RegExp; answer: Answer; times: number }[] = [];
  private readonly holds: { path: RegExp; arrived: () => void }[] = [];
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = new URL(req.url ?? '/', 'http://stand-in');
      let json: unknown;
      if ((req.headers['content-type'] ?? '').includes('json') && text)
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      const received: Received = {
        method: req.method ?? 'GET',
        path: at.pathname,
        query: at.searchParams,
        headers: req.headers,
        text,
        json,
      };
      this.received.push(received);
      this.answer(received, res);
    });
  });

  constructor(private readonly handle: (request: Received) => Answer) {}

  /** Listens on `port` (0: any free one); a taken port fails with the listen error. */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests whose path matches get `answer` instead, and change nothing. */
  failNext(path: RegExp, answer: Answer, times = 1): void {
    this.faults.push({ path, answer, times });
  }

  /**
   * The next request whose path matches is applied and never answered, as when the caller dies
   * mid-call. Resolves once it has been applied.
   */
  holdNext(path: RegExp): Promise<void> {
    return new Promise((arrived) => this.holds.push({ path, arrived }));
  }

  /** The requests whose path matches. */
  to(path: RegExp): Received[] {
    return this.received.filter((r) => path.test(r.path));
  }

  private answer(request: Received, res: ServerResponse): void {
    const fault = this.faults.find((f) => f.times > 0 && f.path.test(request.path));
    if (fault) {
      fault.times--;
      return send(res, fault.answer);
    }
    const answer = this.handle(request);
    const hold = this.holds.findIndex((h) => h.path.test(request.path));
    if (hold >= 0) {
      const [held] = this.holds.splice(hold, 1);
      return held?.arrived();
    }
    send(res, answer);
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const { status, body, headers = {} } = answer;
  if (body === undefined) {
    res.writeHead(status, headers);
    return void res.end();
  }
  const text = typeof body === 'string';
  res.writeHead(status, {
    'content-type': text
      ? (answer.type ?? 'text/plain; charset=utf-8')
      : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(text ? body : JSON.stringify(body));
}

/** The bearer token a request carries, if any. */
export const bearer = (request: Received): string | undefined => {
  const auth = request.headers['authorization'];
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
};
