import { stringify } from 'qs';
import type { z } from 'zod';
import { NodeError, type Connection, type Execution } from '../engine/contract/index.ts';
import type { CapabilityDef } from './define.ts';
import { retryAfterMs, sendHttp, type Explain } from './http.ts';
import { authHeaders, secretValue } from './secret.ts';
import type { ServiceDef } from './service.ts';

/** One request to a service, relative to its connection's base URL unless `url` is given. */
export interface RemoteRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the base URL, e.g. `/v1/invoices`; path parameters already encoded. */
  readonly path?: string;
  /** A whole URL instead (a webhook URL that is itself the secret). */
  readonly url?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The key this request dedupes on, for a capability that makes several writes in one call
   * (derived from the effect's key, e.g. `${key}:item:0`); none means the effect's key itself.
   */
  readonly idempotencyKey?: string;
}

/** A capability's way to its service: connection, auth, idempotency key, encoding and errors handled. */
export interface Remote {
  /** Sends a request and parses the answer with `answer`; a body that does not match is an error naming the field. */
  send<T extends z.ZodType>(request: RemoteRequest, answer: T): Promise<z.output<T>>;
  /** The connection's secret itself (for services whose webhook URL is the secret). */
  secret(): Promise<string>;
}

/** The connection a capability's service uses; a missing one makes the run wait until it is set up. */
export function connectionOf(service: ServiceDef, x: Execution<unknown>): Connection {
  const connection = x.services.connections[service.id];
  if (!connection)
    throw new NodeError('no-connection', `no "${service.id}" connection is configured`, {
      path: `connections.${service.id}`,
      needs: { kind: 'connection', name: service.id },
    });
  return connection;
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

function encode(service: ServiceDef, body: unknown): { body?: string; type?: string } {
  if (body === undefined) return {};
  if (service.encoding === 'form')
    return {
      body: stringify(body, { arrayFormat: 'indices', encodeValuesOnly: false }),
      type: 'application/x-www-form-urlencoded',
    };
  return { body: JSON.stringify(body), type: 'application/json' };
}

/** A refusal in words a person acts on: the service, what it means, and the service's own message. */
function explainer(service: ServiceDef, method: string, where: string): Explain {
  return (status, body, slowedDown) => {
    const worded = service.explainRefusal?.(status, body);
    if (worded !== undefined) return worded;
    const own = service.errorMessage?.(body);
    const said = own ? `: ${own}` : '';
    if (slowedDown || status === 429)
      return `${service.title} is limiting the rate of calls (${status})${said}`;
    if (status === 401)
      return `${service.title} refused the key (401)${said}; check the "${service.id}" connection's secret`;
    if (status === 403)
      return `${service.title} refused this call for the key's permissions (403)${said}`;
    return `${service.title} answered ${method} ${where} with ${status}${said}`;
  };
}

/** The remote for one call of `capability` with idempotency key `key`. */
export function createRemote(
  capability: CapabilityDef,
  key: string,
  x: Execution<unknown>,
): Remote {
  const service = capability.service;
  const need = (): ServiceDef => {
    if (!service)
      throw new NodeError('no-service', `capability "${capability.id}" names no service to call`);
    return service;
  };
  return {
    async secret() {
      const s = need();
      const connection = connectionOf(s, x);
      if (!connection.secret)
        throw new NodeError(
          'no-secret',
          `the "${s.id}" connection names no secret (${s.secretLabel})`,
          { path: `connections.${s.id}.secret`, needs: { kind: 'connection', name: s.id } },
        );
      return secretValue(connection.secret, x);
    },
    async send(request, answer) {
      const s = need();
      const connection = connectionOf(s, x);
      const base = connection.baseUrl ?? s.baseUrl;
      if (request.url === undefined && !base)
        throw new NodeError('no-base-url', `the "${s.id}" connection has no base URL`, {
          path: `connections.${s.id}.baseUrl`,
          unsent: true,
        });
      const query = request.query
        ? stringify(request.query, { skipNulls: true, addQueryPrefix: true })
        : '';
      const url = request.url ?? join(base ?? '', `${request.path ?? ''}${query}`);
      const auth =
        s.auth.scheme === 'bearer' || s.auth.scheme === 'header'
          ? await authHeaders(
              connection.secret,
              x,
              s.auth.scheme,
              s.auth.scheme === 'header' ? s.auth.header : undefined,
            )
          : {};
      // Reads are idempotent by definition; services ignore (Stripe: "has no effect") a key on them.
      const dedupe =
        capability.idempotency === 'remote-dedupes' &&
        s.idempotencyHeader &&
        request.method !== 'GET'
          ? { [s.idempotencyHeader]: request.idempotencyKey ?? key }
          : {};
      const { body, type } = encode(s, request.body);
      const where = request.path ?? '(webhook)';
      const explain = explainer(s, request.method, where);
      const answered = await sendHttp(
        x.services.fetch,
        {
          method: request.method,
          url,
          // A whole URL may be the secret itself: errors name the connection instead.
          ...(request.url !== undefined ? { shown: `the "${s.id}" connection's URL` } : {}),
          headers: {
            ...(type ? { 'content-type': type } : {}),
            ...s.headers,
            ...request.headers,
            ...auth,
            ...dedupe,
          },
          ...(body !== undefined ? { body } : {}),
        },
        capability.retryOn,
        x.signal,
        explain,
        s.slowDown,
      );
      const refused = s.refusal?.(answered.body);
      if (refused === 'unknown')
        // No status: the ledger keeps the call as started, so it is settled, not blindly repeated.
        throw new NodeError(
          'outcome-unknown',
          `${s.title} answered ${request.method} ${where} with an error after which the call may have happened${s.errorMessage?.(answered.body) ? `: ${s.errorMessage(answered.body)}` : ''}`,
          { retryable: true },
        );
      if (refused !== undefined) {
        const after = retryAfterMs(answered.headers['retry-after'] ?? null);
        throw new NodeError('http', explain(refused, answered.body) ?? `${s.title} refused`, {
          status: refused,
          retryable: capability.retryOn.includes(refused),
          ...(after !== undefined ? { retryAfterMs: after } : {}),
        });
      }
      const parsed = answer.safeParse(answered.body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new NodeError(
          'bad-response',
          `${s.title} answered ${request.method} ${where} with a body that does not match its API: ${first?.path.join('.') || '(body)'}: ${first?.message ?? 'invalid'}`,
        );
      }
      return parsed.data;
    },
  };
}
