import { jsonataPath, liquidPath, type Reference } from './paths.ts';

/** How one format writes expressions inside text, and what a piece refers to. */
export interface Dialect {
  /** The format's name, written into untranslated markers. */
  readonly name: string;
  /** Global regex whose first group is the inside of one expression (`{{ … }}`). */
  readonly segment: RegExp;
  /** What the inside refers to, or `undefined` when its meaning is not clear. */
  resolve(inner: string): Reference | undefined;
}

interface Translation {
  readonly text: string;
  /** Whether every expression was translated; when not, `text` is the original, marked. */
  readonly clear: boolean;
  /** Whether the original held any expression at all. */
  readonly dynamic: boolean;
}

interface Piece {
  readonly literal?: string;
  readonly ref?: Reference;
  readonly unclear?: boolean;
}

function pieces(source: string, dialect: Dialect): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of source.matchAll(new RegExp(dialect.segment.source, 'g'))) {
    const index = m.index;
    if (index > last) out.push({ literal: source.slice(last, index) });
    const ref = dialect.resolve(m[1] ?? '');
    out.push(ref ? { ref } : { unclear: true });
    last = index + m[0].length;
  }
  if (last < source.length) out.push({ literal: source.slice(last) });
  return out;
}

// Liquid would read braces in literal text as its own tags, so such text is kept raw.
export const literalLiquid = (text: string) =>
  /\{[{%]/.test(text) ? `{% raw %}${text}{% endraw %}` : text;

/** A marker Liquid refuses to parse (`tag "untranslated" not found`), so validation flags it. */
const untranslatedTemplate = (source: string) => `{% untranslated %}${source}`;
/** A marker JSONata refuses to parse (`Syntax error: "untranslated"`), so validation flags it. */
export const untranslatedExpression = (dialect: string, source: string) =>
  `⚠ untranslated ${dialect}: ${source.replaceAll('\n', ' ')}`;

/**
 * Text with expressions, as a Liquid template. What cannot be translated leaves the whole text
 * verbatim behind a marker that fails validation, so nothing wrong runs quietly.
 * @example toLiquid('Hi {{ $json.name }}', n8n).text // 'Hi {{ input.name }}'
 */
export function toLiquid(source: string, dialect: Dialect): Translation {
  const parts = pieces(source, dialect);
  const dynamic = parts.some((p) => !p.literal);
  if (parts.some((p) => p.unclear))
    return { text: untranslatedTemplate(source), clear: false, dynamic };
  const text = parts
    .map((p) => (p.ref ? `{{ ${liquidPath(p.ref)} }}` : literalLiquid(p.literal ?? '')))
    .join('');
  return { text, clear: true, dynamic };
}

/**
 * Text with expressions, as a JSONata expression: a literal becomes a string (or `literal` decides),
 * one expression becomes its path, a mix becomes a concatenation.
 * @example toJsonata('={{ $json.total }}', n8n).text // 'total'
 */
export function toJsonata(
  source: string,
  dialect: Dialect,
  literal: (text: string) => string = (t) => JSON.stringify(t),
): Translation {
  const parts = pieces(source, dialect);
  const dynamic = parts.some((p) => !p.literal);
  if (parts.some((p) => p.unclear))
    return { text: untranslatedExpression(dialect.name, source), clear: false, dynamic };
  if (parts.length === 0) return { text: literal(''), clear: true, dynamic };
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.ref) return { text: jsonataPath(only.ref), clear: true, dynamic };
  if (only?.literal !== undefined) return { text: literal(only.literal), clear: true, dynamic };
  const text = parts
    .map((p) => (p.ref ? `$string(${jsonataPath(p.ref)})` : JSON.stringify(p.literal ?? '')))
    .join(' & ');
  return { text, clear: true, dynamic };
}

/** A literal as JSONata: numbers, booleans and null as themselves, anything else as a string. */
export function jsonataLiteral(text: string): string {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed) || ['true', 'false', 'null'].includes(trimmed))
    return trimmed;
  return JSON.stringify(text);
}

/** Comparisons as the formats name them, reduced to one vocabulary. */
export type Comparison =
  | 'eq'
  | 'neq'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'empty'
  | 'notEmpty'
  | 'isTrue'
  | 'isFalse'
  | 'exists'
  | 'notExists';

/**
 * One comparison as JSONata over two operands (already JSONata).
 * @example compare('contains', 'subject', '"urgent"') // '$contains($string(subject), "urgent")'
 */
export function compare(op: Comparison, left: string, right: string): string {
  switch (op) {
    case 'eq':
      return `${left} = ${right}`;
    case 'neq':
      return `${left} != ${right}`;
    case 'contains':
      return `$contains($string(${left}), $string(${right}))`;
    case 'notContains':
      return `$not($contains($string(${left}), $string(${right})))`;
    case 'startsWith':
      return `$substring($string(${left}), 0, $length($string(${right}))) = $string(${right})`;
    case 'endsWith':
      return `$substring($string(${left}), -$length($string(${right}))) = $string(${right})`;
    case 'gt':
      return `${left} > ${right}`;
    case 'gte':
      return `${left} >= ${right}`;
    case 'lt':
      return `${left} < ${right}`;
    case 'lte':
      return `${left} <= ${right}`;
    case 'empty':
      return `($not($exists(${left})) or ${left} = "" or ${left} = [] or ${left} = null)`;
    case 'notEmpty':
      return `($exists(${left}) and ${left} != "" and ${left} != [] and ${left} != null)`;
    case 'isTrue':
      return `${left} = true`;
    case 'isFalse':
      return `${left} = false`;
    case 'exists':
      return `$exists(${left})`;
    case 'notExists':
      return `$not($exists(${left}))`;
  }
}
