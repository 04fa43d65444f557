import type { z } from 'zod';
import type { Flow, SideEffectClass, UserCapability } from '../flow/index.ts';
import { evaluate, render } from '../engine/expressions.ts';
import { NodeError, type Execution, type OutgoingRequest } from '../engine/executor.ts';
import { builtinCapabilities } from './builtins.ts';
import { connectionFor, remoteCalls } from './builtinCalls.ts';
import { sendHttp } from './http.ts';
import { localCalls } from './localCalls.ts';
import { userInputSchema } from './userSchema.ts';

/** A capability ready to call: its contract and how to perform one call with a given key. */
export interface Resolved {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sideEffect: SideEffectClass;
  readonly idempotency: 'remote-dedupes' | 'naturally-idempotent' | 'none';
  readonly input: z.ZodType;
  readonly compensate?: string;
  call(input: unknown, key: string, x: Execution<unknown>): Promise<unknown>;
  /** The request a call would send, for a person to approve; credentials by secret name only. */
  describe?(input: unknown, x: Execution<unknown>): Promise<OutgoingRequest>;
}

const builtins = new Map(builtinCapabilities.map((c) => [c.id, c]));

async function authHeaders(
  secretName: string | undefined,
  x: Execution<unknown>,
  scheme = 'bearer',
  header?: string,
): Promise<Record<string, string>> {
  if (!secretName) return {};
  const secret = await x.services.secrets.get(secretName).catch((error: unknown) => {
    if (error instanceof NodeError) throw error;
    throw new NodeError(
      'secret-unavailable',
      error instanceof Error ? error.message : String(error),
      {
        path: `secrets.${secretName}`,
        unsent: true,
      },
    );
  });
  if (secret === undefined)
    throw new NodeError('no-secret', `the secret "${secretName}" is not in the vault`, {
      path: `secrets.${secretName}`,
      needs: { kind: 'secret', name: secretName },
    });
  if (scheme === 'header') return { [header ?? 'x-api-key']: secret };
  if (scheme === 'basic') return { authorization: `Basic ${btoa(secret)}` };
  return { authorization: `Bearer ${secret}` };
}

/** Finds a capability among the built-ins and the flow's own, ready to call. */
export function resolveCapability(id: string, flow: Flow): Resolved {
  const own = flow.capabilities.find((c) => c.id === id);
  if (own) return fromUser(own);
  const spec = builtins.get(id);
  if (!spec)
    throw new NodeError('unknown-capability', `unknown capability "${id}"`, { path: 'capability' });
  const local = localCalls[id];
  const remote = remoteCalls[id];
  return {
    ...spec,
    ...(spec.compensate ? { compensate: spec.compensate } : {}),
    async call(input, key, x) {
      if (local) return local(input as Record<string, unknown>, key, x);
      if (!remote) throw new NodeError('no-executor', `capability "${id}" cannot be called here`);
      const record = input as Record<string, unknown>;
      let base = '';
      let headers: Record<string, string> = {};
      if (remote.connection) {
        const connection = connectionFor(remote.connection, x.services.connections);
        base = connection.baseUrl;
        headers = await authHeaders(connection.secret, x);
      }
      const request = remote.request(record, base);
      const idempotency: Record<string, string> =
        spec.idempotency === 'remote-dedupes' ? { 'idempotency-key': key } : {};
      const answer = await sendHttp(
        x.services.fetch,
        { ...request, headers: { ...request.headers, ...headers, ...idempotency } },
        spec.retryOn,
        x.signal,
      );
      return remote.response(answer.body, record);
    },
  };
}

/** A user-defined capability's request without its credentials and idempotency key. */
async function renderRequest(
  cap: UserCapability,
  input: unknown,
  x: Execution<unknown>,
): Promise<OutgoingRequest> {
  const scope = { ...x.scope, input };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(cap.headers))
    headers[name] = await render(value, scope, `capabilities.${cap.id}.headers.${name}`);
  const url = await render(cap.url, scope, `capabilities.${cap.id}.url`);
  const body =
    cap.body === undefined
      ? undefined
      : await render(cap.body, scope, `capabilities.${cap.id}.body`);
  return { method: cap.method, url, headers, ...(body !== undefined ? { body } : {}) };
}

function fromUser(cap: UserCapability): Resolved {
  return {
    id: cap.id,
    title: cap.title,
    description: cap.description,
    sideEffect: cap.sideEffect,
    idempotency: cap.idempotency
      ? cap.idempotency.remoteDedupes
        ? 'remote-dedupes'
        : 'none'
      : cap.method === 'GET'
        ? 'naturally-idempotent'
        : 'none',
    input: userInputSchema(cap),
    ...(cap.compensate ? { compensate: cap.compensate } : {}),
    async describe(input, x) {
      const request = await renderRequest(cap, input, x);
      if (!cap.auth?.secret) return request;
      const name =
        cap.auth.scheme === 'header' ? (cap.auth.header ?? 'x-api-key') : 'authorization';
      return { ...request, headers: { ...request.headers, [name]: `(secret ${cap.auth.secret})` } };
    },
    async call(input, key, x) {
      const request = await renderRequest(cap, input, x);
      const headers: Record<string, string> = {
        ...request.headers,
        ...(await authHeaders(cap.auth?.secret, x, cap.auth?.scheme, cap.auth?.header)),
      };
      if (cap.idempotency) headers[cap.idempotency.header] = key;
      const answer = await sendHttp(
        x.services.fetch,
        { ...request, headers },
        cap.retryOn,
        x.signal,
      );
      if (!cap.responseMapping) return answer.body;
      return evaluate(
        cap.responseMapping,
        { ...x.scope, input: answer.body },
        `capabilities.${cap.id}.responseMapping`,
      );
    },
  };
}
