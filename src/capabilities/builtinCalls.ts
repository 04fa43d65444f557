import type { Connection } from '../engine/executor.ts';
import { NodeError } from '../engine/executor.ts';
import type { HttpCall } from './http.ts';

type Input = Record<string, unknown>;

/**
 * How each built-in capability maps onto its connection's REST API: the request it sends and how
 * the answer becomes the capability's output. The conventions are documented in src/capabilities/README.md.
 */
export interface RemoteCall {
  readonly connection: string | null;
  request(input: Input, base: string): HttpCall;
  response(body: unknown, input: Input): unknown;
}

/** A scalar as text; anything else as its JSON. */
export const asText = (value: unknown, fallback = ''): string =>
  value === undefined || value === null
    ? fallback
    : typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);

const field = (body: unknown, ...names: string[]): unknown => {
  if (body && typeof body === 'object')
    for (const n of names) if (n in body) return (body as Record<string, unknown>)[n];
  return undefined;
};
const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export const remoteCalls: Readonly<Record<string, RemoteCall>> = {
  'http.request': {
    connection: null,
    request: (i) => ({
      method: asText(i['method'], 'GET'),
      url: asText(i['url']),
      headers: (i['headers'] ?? {}) as Record<string, string>,
      body: i['body'],
    }),
    response: (body) => ({ status: 200, headers: {}, body }),
  },
  'webhook.post': {
    connection: null,
    request: (i) => ({ method: 'POST', url: asText(i['url']), body: i['payload'] ?? null }),
    response: (body) => ({ status: 200, body }),
  },
  'email.send': {
    connection: 'mail',
    request: (i, base) => ({ method: 'POST', url: join(base, '/messages'), body: i }),
    response: (body) => ({ messageId: asText(field(body, 'messageId', 'id')) }),
  },
  'invoice.create': {
    connection: 'billing',
    request: (i, base) => ({ method: 'POST', url: join(base, '/invoices'), body: i }),
    response: (body) => ({
      invoiceId: asText(field(body, 'invoiceId', 'id')),
      total: Number(field(body, 'total') ?? 0),
      url: field(body, 'url'),
    }),
  },
  'invoice.void': {
    connection: 'billing',
    request: (i, base) => ({
      method: 'POST',
      url: join(base, `/invoices/${encodeURIComponent(asText(i['invoiceId']))}/void`),
      body: {},
    }),
    response: (body, i) => ({
      invoiceId: asText(field(body, 'invoiceId', 'id') ?? i['invoiceId']),
      status: 'void',
    }),
  },
  'crm.upsertContact': {
    connection: 'crm',
    request: (i, base) => ({
      method: 'PUT',
      url: join(base, `/contacts/${encodeURIComponent(asText(i['email']))}`),
      body: i,
    }),
    response: (body) => ({
      contactId: asText(field(body, 'contactId', 'id')),
      created: Boolean(field(body, 'created')),
    }),
  },
  'crm.logActivity': {
    connection: 'crm',
    request: (i, base) => ({ method: 'POST', url: join(base, '/activities'), body: i }),
    response: (body) => ({ activityId: asText(field(body, 'activityId', 'id')) }),
  },
};

export function connectionFor(
  name: string,
  connections: Readonly<Record<string, Connection>>,
): Connection {
  const connection = connections[name];
  if (!connection) {
    throw new NodeError('no-connection', `no "${name}" connection is configured`, {
      path: `connections.${name}`,
      needs: { kind: 'connection', name },
    });
  }
  return connection;
}
