import type * as z from 'zod';
import type { ErrorData } from '../engine/index.ts';

/**
 * Every command's answer: data, never a thrown error, because error classes survive neither
 * `postMessage` nor HTTP. `path` names the field of the command's parameters that was refused.
 */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/**
 * A refused parameter object as an answer: the first issue's message, and where it is
 * (`debug.breakpoints.0.node`), so the caller can point at the field.
 */
export function invalid(error: z.ZodError, what: string): Result<never> {
  const first = error.issues[0];
  const path = first?.path.map(String).join('.') ?? '';
  return {
    ok: false,
    error: {
      code: 'invalid',
      message: first?.message ?? `${what}: invalid`,
      ...(path ? { path } : {}),
    },
  };
}

/** A command's value, or its error thrown (for reads whose failure the caller reports). */
export async function valueOf<T>(answer: Promise<Result<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
