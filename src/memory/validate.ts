import { MemoryError } from './errors.ts';

/** What `parse` needs of a zod schema. */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Parses `value` with `schema` before it is stored; a failure is a `MemoryError` naming the first
 * problem and where it is.
 * @example parse(entitySchema, row, 'entity') // throws 'entity at name: …: fix the value and try again'
 */
export function parse<T>(schema: Schema<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MemoryError(
    'invalid',
    `${what}${issue ? ` at ${issue.path.join('.') || 'the root'}: ${issue.message}` : ''}`,
  );
}
