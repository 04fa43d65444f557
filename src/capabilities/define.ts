import type { z } from 'zod';
import type { Execution } from '../engine/contract/index.ts';
import type { Idempotency, SideEffectClass } from '../flow/index.ts';
import type { Preview } from './preview.ts';
import type { Remote } from './remote.ts';
import type { ServiceDef } from './service.ts';

export type { Idempotency };

/** Where a capability can run: `server` when its service refuses web pages or its key must not be in one. */
export type RunsOn = 'anywhere' | 'server';

/** What a capability's call is given besides its parsed input. */
export interface CallContext {
  /** The effect's idempotency key: the same key never performs the effect twice. */
  readonly key: string;
  readonly x: Execution<unknown>;
  /** The service's HTTP client (connection, auth, idempotency header, encoding, errors); only with `service`. */
  readonly remote: Remote;
}

/**
 * One capability, whole: its contract (what it takes and gives, what it touches, how it stays
 * idempotent, how it is undone, where it runs), the call, and how an approval previews it.
 * Policy, the registry browser, validation and the engine all read this one definition.
 */
export interface CapabilityDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sideEffect: SideEffectClass;
  readonly input: I;
  readonly output: O;
  /** The service it calls; its connection (named by the service's id) holds the base URL and secret. */
  readonly service?: ServiceDef;
  readonly idempotency: Idempotency;
  /** HTTP statuses worth retrying. */
  readonly retryOn: readonly number[];
  readonly runsOn: RunsOn;
  /** The capability that undoes this one; it is given this one's input and output merged. */
  readonly compensate?: CapabilityDef;
  call(input: z.output<I>, context: CallContext): Promise<z.input<O>>;
  /** What a person approving the call reads; none means the generic rendering by shape. */
  preview?(input: z.output<I>): Preview | null;
}

/** Statuses that mean "try again later" for most HTTP APIs. */
export const transientStatuses = [408, 429, 500, 502, 503, 504] as const;

type Definition<I extends z.ZodType, O extends z.ZodType> = Omit<
  CapabilityDef<I, O>,
  'runsOn' | 'retryOn'
> &
  Partial<Pick<CapabilityDef<I, O>, 'runsOn' | 'retryOn'>>;

/**
 * Defines a capability; its call and preview are typed from its own schemas, so the contract and
 * the code cannot drift apart. It runs where its service does unless it says otherwise, and
 * retries the transient statuses unless it names its own.
 * @example defineCapability({ id: 'notify', title: 'Notify me', …, call: async (input) => ({ shown: true }) })
 */
export function defineCapability<I extends z.ZodType, O extends z.ZodType>(
  definition: Definition<I, O>,
): CapabilityDef<I, O> {
  return {
    ...definition,
    runsOn: definition.runsOn ?? definition.service?.runsOn ?? 'anywhere',
    retryOn: definition.retryOn ?? transientStatuses,
  };
}

/** Any capability, for lists of many (methods are bivariant, so each keeps its own typing). */
export type AnyCapability = CapabilityDef<z.ZodType, z.ZodType>;

declare module '../engine/contract/effects.ts' {
  /** `Services.capabilities`: capabilities from elsewhere (MCP servers' tools), by id. */
  interface CapabilitySource {
    get(id: string): AnyCapability | undefined;
  }
}
