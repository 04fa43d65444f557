import type { z } from 'zod';
import { builtinCapabilities } from '../../capabilities/registry.ts';
import { userInputSchema, userOutputSchema } from '../../capabilities/userSchema.ts';
import type { SideEffectClass, UserCapability } from '../../flow/index.ts';

/** A capability's contract as the registry browser and approvals read it. */
export interface Contract {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly origin: 'built-in' | 'flow' | 'mcp';
  readonly sideEffect: SideEffectClass;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** What it needs to authenticate, in words; null when nothing. */
  readonly auth: string | null;
  readonly idempotency: 'remote-dedupes' | 'naturally-idempotent' | 'none';
  /** How the idempotency key travels, in words. */
  readonly idempotencyHow: string;
  readonly retryOn: readonly number[];
  readonly compensate: string | null;
  /** `server`: needs the workspace server (its service refuses web pages). */
  readonly runsOn: 'anywhere' | 'server';
  /** The flow's own definition, for user-defined capabilities. */
  readonly definition?: UserCapability;
}

/** What each side-effect class means for a person deciding whether to try it. */
export const sideEffectWords: Readonly<Record<SideEffectClass, string>> = {
  read: 'reads only; changes nothing',
  write: 'writes to your own data',
  destructive: 'deletes or overwrites data',
  'external-message': 'sends a message to someone outside',
  money: 'moves money',
};

const keyWords = {
  'remote-dedupes':
    'sends an Idempotency-Key header; the remote ignores repeats, so retries are safe',
  'naturally-idempotent': 'repeating the call changes nothing more',
  none: 'no idempotency key: after an unknown outcome you are asked whether it happened',
};

const builtins: readonly Contract[] = builtinCapabilities.map((spec) => ({
  id: spec.id,
  title: spec.title,
  description: spec.description,
  origin: 'built-in',
  sideEffect: spec.sideEffect,
  input: spec.input,
  output: spec.output,
  auth: spec.service
    ? `the "${spec.service.id}" connection (${spec.service.title}; Connections), with the vault secret it names`
    : null,
  idempotency: spec.idempotency,
  idempotencyHow: keyWords[spec.idempotency],
  retryOn: spec.retryOn,
  compensate: spec.compensate?.id ?? null,
  runsOn: spec.runsOn,
}));

/** The contract of a capability defined in the flow (mirrors how the engine resolves it). */
function userContract(cap: UserCapability): Contract {
  const idempotency = cap.idempotency
    ? cap.idempotency.remoteDedupes
      ? 'remote-dedupes'
      : 'none'
    : cap.method === 'GET'
      ? 'naturally-idempotent'
      : 'none';
  return {
    id: cap.id,
    title: cap.title,
    description: cap.description,
    origin: 'flow',
    sideEffect: cap.sideEffect,
    input: userInputSchema(cap),
    output: userOutputSchema(cap),
    auth: cap.auth
      ? `the vault secret ${cap.auth.secret} (${cap.auth.scheme === 'header' ? `header ${cap.auth.header ?? 'x-api-key'}` : cap.auth.scheme})`
      : null,
    idempotency,
    idempotencyHow: cap.idempotency
      ? `sends the key in the ${cap.idempotency.header} header${cap.idempotency.remoteDedupes ? '; the remote ignores repeats' : ', but the remote does not dedupe on it'}`
      : keyWords[idempotency],
    retryOn: cap.retryOn,
    compensate: cap.compensate ?? null,
    runsOn: 'anywhere',
    definition: cap,
  };
}

/**
 * The built-ins, then the flow's own capabilities (which win on a clashing id, as in the engine),
 * then those from elsewhere (MCP servers' tools).
 */
export function contractsOf(
  own: readonly UserCapability[],
  external: readonly Contract[] = [],
): Contract[] {
  const mine = own.map(userContract);
  const taken = new Set(mine.map((c) => c.id));
  return [
    ...builtins.filter((c) => !taken.has(c.id)),
    ...mine,
    ...external.filter((c) => !taken.has(c.id)),
  ];
}

/** The contract of one capability, or undefined when nobody defines it. */
export function contractFor(
  id: string | undefined,
  own: readonly UserCapability[],
  external: readonly Contract[] = [],
) {
  return id === undefined ? undefined : contractsOf(own, external).find((c) => c.id === id);
}

/**
 * Contracts matching every word of a query in their id, title, description or side-effect class.
 * @example searchContracts(contractsOf([]), 'send mail') // email.send first, then other matches
 */
export function searchContracts(list: readonly Contract[], query: string): Contract[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  const scored = list.flatMap((c) => {
    const id = c.id.toLowerCase();
    const title = c.title.toLowerCase();
    const text = `${id} ${title} ${c.description.toLowerCase()} ${c.sideEffect}`;
    if (!words.every((w) => text.includes(w))) return [];
    const score = words.reduce(
      (s, w) => s + (id.includes(w) ? 4 : 0) + (title.includes(w) ? 2 : 0),
      0,
    );
    return [{ c, score }];
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.c);
}
