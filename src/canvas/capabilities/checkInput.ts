import type { z } from 'zod';

/** One thing wrong with a value, and where: `input.lines[0].quantity`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}
export type Checked =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * A readable path from a root and zod's path segments.
 * @example pathOf('input', ['lines', 0, 'quantity']) // 'input.lines[0].quantity'
 */
export function pathOf(root: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (at, s) => (typeof s === 'number' ? `${at}[${s}]` : at ? `${at}.${String(s)}` : String(s)),
    root,
  );
}

/**
 * Parses JSON typed by a person, saying where it breaks (line and column) when it does.
 * @example parseJson('{"a":', 'input') // { ok: false, problems: [{ path: 'input', message: 'not valid JSON: …' }] }
 */
export function parseJson(text: string, root: string): Checked {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    return {
      ok: false,
      problems: [{ path: root, message: `not valid JSON${where}: ${message}` }],
    };
  }
}

/**
 * Checks a value against a capability's input schema; every problem names its path.
 * @example checkAgainst(schema, { to: 'nope' }, 'input') // { ok: false, problems: [{ path: 'input.to', … }] }
 */
export function checkAgainst(schema: z.ZodType, value: unknown, root: string): Checked {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ path: pathOf(root, i.path), message: i.message })),
  };
}
