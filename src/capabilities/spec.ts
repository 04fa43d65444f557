import type { z } from 'zod';
import type { SideEffectClass } from '../flow/index.ts';

/**
 * The contract of a capability: what it takes and gives, what it touches, how it stays idempotent,
 * and how it is undone. Executors are attached by the engine; this is the data policy and the UI read.
 */
export interface CapabilitySpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sideEffect: SideEffectClass;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Secret or connection the capability needs, by name. */
  readonly auth?: { readonly connection: string };
  /** How the remote honours the idempotency key; `none` means a retry after an unknown outcome is unsafe. */
  readonly idempotency: 'remote-dedupes' | 'naturally-idempotent' | 'none';
  /** HTTP statuses worth retrying. */
  readonly retryOn: readonly number[];
  /** Capability that undoes this one, given this one's input and output. */
  readonly compensate?: string;
}
