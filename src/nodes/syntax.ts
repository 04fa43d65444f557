import jsonata from 'jsonata';
import { Liquid } from 'liquidjs';

/** A syntax error in a template or an expression, and the characters it is about. */
interface SyntaxProblem {
  readonly message: string;
  /** Offsets into the text, `from <= to`; equal when the problem is a place (e.g. the end). */
  readonly from: number;
  readonly to: number;
}

// The same options as the engine's renderer, so what passes here parses there.
const liquid = new Liquid({ strictFilters: true });

const clamp = (n: number, length: number) => Math.min(Math.max(0, n), length);

/**
 * Remembers what a check said about each text: parsing is pure, and validating a flow checks the
 * same expressions again and again (JSONata builds its whole parser for every parse, ~0.1 ms).
 * Forgets everything when full, so memory stays bounded whatever the texts.
 */
function remembered<R>(check: (text: string) => R, size = 5_000): (text: string) => R {
  const seen = new Map<string, { readonly result: R }>();
  return (text) => {
    const hit = seen.get(text);
    if (hit) return hit.result;
    const result = check(text);
    if (seen.size >= size) seen.clear();
    seen.set(text, { result });
    return result;
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/**
 * Parses a Liquid template; the problem, with the tag or output it is in, or nothing.
 * @example templateProblem('Hi {{ name ') // { message: 'output "{{ name " not closed, line:1, col:4', from: 3, to: 11 }
 */
export const templateProblem: (text: string) => SyntaxProblem | undefined =
  remembered(parseTemplate);

function parseTemplate(text: string): SyntaxProblem | undefined {
  try {
    liquid.parse(text);
    return undefined;
  } catch (error) {
    const token = (error as { token?: { begin?: unknown; end?: unknown } }).token;
    const from = typeof token?.begin === 'number' ? clamp(token.begin, text.length) : 0;
    const to = typeof token?.end === 'number' ? clamp(token.end, text.length) : text.length;
    return { message: firstLine(error), from, to: Math.max(from, to) };
  }
}

/**
 * Where the token ending the text starts. JSONata names the token by its value (`b c` for
 * `` `b c` ``, 1.5 for `1.50`), not its source, so it is found in the text: a quoted string or
 * name, else a run of name, number and `$` characters, else the one character before.
 */
function tokenStart(before: string): number {
  const quote = before.at(-1);
  if (quote !== undefined && `"'\``.includes(quote)) {
    const open = before.lastIndexOf(quote, before.length - 2);
    if (open >= 0) return open;
  }
  const word = /[\p{L}\p{N}_$.]+$/u.exec(before)?.[0] ?? '';
  return Math.max(0, before.length - Math.max(word.length, 1));
}

/**
 * Parses a JSONata expression; the problem, with the token it stopped at, or nothing. JSONata
 * reports `position` as the offset just after that token (`(end)` when the text ran out).
 * @example expressionProblem('a b') // { message: 'Syntax error: "b"', from: 2, to: 3, position: 3 }
 */
export const expressionProblem: (
  text: string,
) => (SyntaxProblem & { readonly position: number | undefined }) | undefined =
  remembered(parseExpression);

function parseExpression(
  text: string,
): (SyntaxProblem & { readonly position: number | undefined }) | undefined {
  try {
    jsonata(text);
    return undefined;
  } catch (error) {
    const e = error as { message?: unknown; position?: unknown; token?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(error);
    const position = typeof e.position === 'number' ? e.position : undefined;
    const to = clamp(position ?? text.length, text.length);
    const from = e.token === '(end)' ? to : tokenStart(text.slice(0, to));
    return { message, from, to, position };
  }
}
