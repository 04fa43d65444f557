import { z } from 'zod';
import {
  alternativesOf,
  isShape,
  refName,
  resolve,
  shapeName,
  type JsonSchema as Json,
} from './schemaRefs.ts';

/** One field of a capability's input or output, as a person reads it. */
export interface FieldRow {
  /** `to`, `lines[].quantity`; `(value)` when the schema is not an object. */
  readonly path: string;
  /** `text (email)`, `number`, `one of: note, email`, `list of text`, `any`. */
  readonly type: string;
  readonly required: boolean;
  /** Constraints, default and description, in words. */
  readonly notes: readonly string[];
}

const formats: Record<string, string> = {
  email: 'email',
  uri: 'URL',
  'date-time': 'date and time',
};

/** The JSON Schema of what a schema accepts (defaults make fields optional). */
function jsonSchemaOf(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

function typeOf(s: Json): string {
  if (s.$ref !== undefined) return refName(s.$ref);
  if (s.const !== undefined) return `always ${JSON.stringify(s.const)}`;
  if (s.enum) return `one of: ${s.enum.map(String).join(', ')}`;
  const alternatives = alternativesOf(s);
  if (alternatives.length > 0)
    return [
      ...new Set(alternatives.map((a, i) => (isShape(a) ? shapeName(a, i) : typeOf(a)))),
    ].join(' or ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  switch (type) {
    case undefined:
      return 'any';
    case 'string':
      return s.format ? `text (${formats[s.format] ?? s.format})` : 'text';
    case 'integer':
      return 'whole number';
    case 'array': {
      if (!s.items) return 'list';
      const of = typeOf(s.items);
      return `list of ${of.includes(' or ') ? `(${of})` : of}`;
    }
    case 'object':
      return s.properties ? 'object' : 'map of names to values';
    default:
      return type;
  }
}

function notesOf(s: Json): string[] {
  const notes: string[] = [];
  if (s.minLength !== undefined && s.minLength === s.maxLength)
    notes.push(`exactly ${s.minLength} characters`);
  else {
    if (s.minLength === 1) notes.push('not empty');
    else if (s.minLength !== undefined) notes.push(`at least ${s.minLength} characters`);
    if (s.maxLength !== undefined) notes.push(`at most ${s.maxLength} characters`);
  }
  if (s.exclusiveMinimum !== undefined) notes.push(`more than ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) notes.push(`at least ${s.minimum}`);
  if (s.maximum !== undefined) notes.push(`at most ${s.maximum}`);
  if (s.minItems !== undefined)
    notes.push(`at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  if (s.description) notes.push(s.description);
  return notes;
}

/**
 * A schema's fields as rows, nested objects and lists of objects flattened into paths.
 * @example fieldRows(z.object({ to: z.email() })) // [{ path: 'to', type: 'text (email)', required: true, notes: [] }]
 */
export function fieldRows(schema: z.ZodType): FieldRow[] {
  return rowsOf(jsonSchemaOf(schema));
}

/**
 * The fields of a JSON Schema as rows: an MCP tool's, as its server listed it (a schema zod could
 * read, or the tool would not be offered).
 */
export function jsonFieldRows(schema: Record<string, unknown>): FieldRow[] {
  return rowsOf(schema);
}

const MAX_ROWS = 2000;

/**
 * Rows for what is inside a schema: its fields (`address.city`), its list's items (`lines[]`)
 * and each of its alternatives that is a shape (`payment(card).number`), with local `$ref`s
 * followed and `allOf` parts merged; a recursive reference is a row, not expanded again.
 */
function rowsOf(root: Json): FieldRow[] {
  const rows: FieldRow[] = [];
  const inside = ({ schema: s, seen }: ReturnType<typeof resolve>, path: string) => {
    // References shared many times over could multiply without end: a person reads no more.
    if (rows.length >= MAX_ROWS) return;
    const required = new Set(s.required ?? []);
    for (const [name, raw] of Object.entries(s.properties ?? {})) {
      const at = path ? `${path}.${name}` : name;
      const child = resolve(raw, root, seen);
      const row = child.schema;
      rows.push({ path: at, type: typeOf(row), required: required.has(name), notes: notesOf(row) });
      inside(child, at);
    }
    if (s.items) inside(resolve(s.items, root, seen), `${path}[]`);
    alternativesOf(s).forEach((alternative, i) => {
      if (isShape(alternative))
        inside(resolve(alternative, root, seen), `${path}(${shapeName(alternative, i)})`);
    });
  };
  const top = resolve(root, root, new Set());
  if (top.schema.properties || alternativesOf(top.schema).some(isShape)) inside(top, '');
  else
    rows.push({
      path: '(value)',
      type: typeOf(top.schema),
      required: true,
      notes: notesOf(top.schema),
    });
  return rows;
}

function sample(s: Json): unknown {
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'uri') return 'https://example.com';
      const min = s.minLength ?? 0;
      const text = min > 0 && min === s.maxLength ? 'X'.repeat(min) : 'example';
      return text.padEnd(min, 'x').slice(0, s.maxLength ?? text.length + min);
    }
    case 'number':
    case 'integer':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array': {
      const count = Math.max(s.minItems ?? 0, 0);
      return Array.from({ length: count }, () => sample(s.items ?? {}));
    }
    case 'object': {
      const required = new Set(s.required ?? []);
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([name]) => required.has(name))
          .map(([name, child]) => [name, sample(child)]),
      );
    }
    default:
      return null;
  }
}

/**
 * A sample input that a person can edit: required fields with plausible values (defaults, the
 * first allowed value, an example email or URL, a number that meets the minimum).
 * @example sampleOf(z.object({ topK: z.number().int().positive() })) // { topK: 1 }
 */
export function sampleOf(schema: z.ZodType): unknown {
  const root = jsonSchemaOf(schema);
  return root.type === undefined && !root.properties ? {} : sample(root);
}
