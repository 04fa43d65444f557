import type { z } from 'zod';
import type { Flow, SideEffectClass, UserCapability } from '../flow/index.ts';
import { evaluate, render } from '../engine/expressions.ts';
import {
  NodeError,
  type CapabilitySource,
  type Execution,
  type OutgoingRequest,
} from '../engine/contract/index.ts';
import type { AnyCapability } from './define.ts';
import { sendHttp } from './http.ts';
import { capabilitiesById } from './registry.ts';
import { createRemote } from './remote.ts';
import { authHeaders } from './secret.ts';
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

/**
 * Finds a capability among the flow's own, the built-ins and then `source` (the engine's
 * `services.capabilities`: MCP servers' tools), ready to call.
 */
export function resolveCapability(id: string, flow: Flow, source?: CapabilitySource): Resolved {
  const own = flow.capabilities.find((c) => c.id === id);
  if (own) return fromUser(own);
  const def = capabilitiesById.get(id) ?? source?.get(id);
  if (!def)
    throw new NodeError('unknown-capability', `unknown capability "${id}"`, { path: 'capability' });
  return resolveDefinition(def);
}

/** A defined capability ready to call; one that needs a server refuses to run in a browser. */
export function resolveDefinition(def: AnyCapability): Resolved {
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    sideEffect: def.sideEffect,
    idempotency: def.idempotency,
    input: def.input,
    ...(def.compensate ? { compensate: def.compensate.id } : {}),
    async call(input, key, x) {
      if (def.runsOn === 'server' && x.services.place === 'browser')
        throw new NodeError(
          'needs-server',
          `${def.title} runs on the workspace server: ${def.service?.title ?? 'its service'} does not take calls from a web page, and its key must not be in one`,
          { path: 'capability', unsent: true },
        );
      return def.call(input, { key, x, remote: createRemote(def, key, x) });
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
