/** The subset of JSON Schema that zod and MCP servers produce and we read. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  default?: unknown;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** A schema with its local references followed, and the references followed to reach it. */
interface Resolved {
  readonly schema: JsonSchema;
  /** Followed on the way here: meeting one again is a recursive schema, not expanded. */
  readonly seen: ReadonlySet<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name a reference gives what it points at: `#/$defs/Address` → `Address`. */
export const refName = (ref: string) =>
  decodeURIComponent(ref.split('/').at(-1) ?? ref)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~') || 'the whole schema';

/** What a local JSON Pointer (`#/$defs/Address`, `#/definitions/Line`, `#`) names in `root`. */
function target(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(at) || !Object.hasOwn(at, part)) return undefined;
    at = at[part];
  }
  return isRecord(at) ? at : undefined;
}

/**
 * `schema` with its local `$ref`s followed (what sits beside a `$ref` is kept over what it
 * points at) and its `allOf` parts merged into one object. A reference met again on the way
 * (a recursive schema), or one that points nowhere here, is left as it is.
 */
export function resolve(schema: JsonSchema, root: JsonSchema, seen: ReadonlySet<string>): Resolved {
  let at = schema;
  let followed = seen;
  while (at.$ref !== undefined && !followed.has(at.$ref)) {
    const found = target(root, at.$ref);
    if (!found) break;
    followed = new Set([...followed, at.$ref]);
    const { $ref: _, ...beside } = at;
    at = { ...found, ...beside };
  }
  if (!at.allOf || at.$ref !== undefined) return { schema: at, seen: followed };
  const { allOf, ...own } = at;
  const parts = allOf.map((part) => resolve(part, root, followed).schema);
  const merged = [...parts, own].reduce<JsonSchema>((all, part) => ({ ...all, ...part }), {});
  const properties = [...parts, own].reduce<Record<string, JsonSchema>>(
    (all, part) => ({ ...all, ...part.properties }),
    {},
  );
  const required = [...new Set([...parts, own].flatMap((p) => p.required ?? []))];
  return {
    schema: {
      ...merged,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(required.length > 0 ? { required } : {}),
    },
    seen: followed,
  };
}

/** The alternatives of an `anyOf` or `oneOf`; empty for any other schema. */
export const alternativesOf = (s: JsonSchema): readonly JsonSchema[] => s.anyOf ?? s.oneOf ?? [];

/** Whether an alternative is a shape of fields (an object, or a reference to one). */
export const isShape = (s: JsonSchema) =>
  s.$ref !== undefined || s.properties !== undefined || s.allOf !== undefined;

/**
 * What a person calls one alternative that is a shape: its title, the name of what it refers
 * to, the value of a field it fixes (a discriminated union's `kind: "email"`), or its place.
 */
export function shapeName(s: JsonSchema, index: number): string {
  if (s.title) return s.title;
  if (s.$ref !== undefined) return refName(s.$ref);
  for (const field of Object.values(s.properties ?? {})) {
    const fixed = field.const ?? (field.enum?.length === 1 ? field.enum[0] : undefined);
    if (typeof fixed === 'string' || typeof fixed === 'number') return String(fixed);
  }
  return `option ${index + 1}`;
}
