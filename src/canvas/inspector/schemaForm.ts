import { z } from 'zod';
import { widgets } from '../../flow/index.ts';

/** What the inspector draws for one value, read from the kind's zod schema. */
export type FieldSpec =
  | {
      readonly kind: 'text';
      readonly code?: 'template' | 'expression' | 'javascript';
      readonly multiline: boolean;
      /** Offer the catalog's capability ids. */
      readonly suggest?: 'capabilities';
    }
  /** The id of a saved flow, chosen by name. */
  | { readonly kind: 'flow' }
  | {
      readonly kind: 'number';
      readonly integer: boolean;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly options: readonly string[] }
  | { readonly kind: 'list'; readonly item: FieldSpec }
  | { readonly kind: 'object'; readonly fields: readonly FormField[] }
  | { readonly kind: 'record'; readonly value: FieldSpec }
  | {
      readonly kind: 'variant';
      /** The key whose value says which option an object is (`type`). */
      readonly discriminator: string;
      readonly options: readonly VariantOption[];
    }
  | { readonly kind: 'json' };

/** One option of a discriminated union: its tag and its other fields. */
export interface VariantOption {
  readonly value: string;
  readonly fields: readonly FormField[];
}

export interface FormField {
  readonly key: string;
  readonly label: string;
  readonly spec: FieldSpec;
  /** The value may be left out (empty text clears it; objects get an "add" button). */
  readonly optional: boolean;
  /** What the schema fills in when the value is left out. */
  readonly default?: unknown;
}

/** Keys drawn elsewhere (`version`). */
const HIDDEN = new Set(['version']);

/**
 * A readable label for a config key.
 * @example humanize('maxTokens') // 'Max tokens'
 */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The label for one item of a list.
 * @example singular('Entities') // 'Entity'; singular('Branches') // 'Branch'; singular('Rules') // 'Rule'
 */
export function singular(label: string): string {
  if (/ies$/i.test(label)) return `${label.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/i.test(label)) return label.slice(0, -2);
  if (/[^s]s$/i.test(label)) return label.slice(0, -1);
  return label;
}

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): { inner: AnySchema; optional: boolean; default?: unknown } {
  let inner = schema;
  let optional = false;
  let fallback: { default?: unknown } = {};
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      fallback = { default: inner.def.defaultValue };
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap();
    } else return { inner, optional, ...fallback };
  }
}

/** Describes a schema as a form field; anything it does not know is edited as JSON. */
function describeSchema(schema: AnySchema): FieldSpec {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) return describeText(inner);
  if (inner instanceof z.ZodNumber) {
    return {
      kind: 'number',
      integer: inner.isInt,
      ...(Number.isFinite(inner.minValue) ? { min: inner.minValue ?? undefined } : {}),
      ...(Number.isFinite(inner.maxValue) ? { max: inner.maxValue ?? undefined } : {}),
    };
  }
  if (inner instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (inner instanceof z.ZodEnum) return { kind: 'enum', options: inner.options.map(String) };
  if (inner instanceof z.ZodArray) return { kind: 'list', item: describeSchema(inner.element) };
  if (inner instanceof z.ZodRecord)
    return { kind: 'record', value: describeSchema(inner.valueType) };
  if (inner instanceof z.ZodObject) return { kind: 'object', fields: describeFields(inner) };
  if (inner instanceof z.ZodDiscriminatedUnion) return describeVariant(inner);
  return { kind: 'json' };
}

/** A text field as its schema's widget (`withWidget`) says to draw it. */
function describeText(schema: z.ZodString): FieldSpec {
  const widget = widgets.get(schema);
  switch (widget?.widget) {
    case undefined:
      return { kind: 'text', multiline: false };
    case 'code':
      return { kind: 'text', code: widget.language, multiline: widget.language !== 'expression' };
    case 'multiline':
      return { kind: 'text', multiline: true };
    case 'capability':
      return { kind: 'text', multiline: false, suggest: 'capabilities' };
    case 'flow':
      return { kind: 'flow' };
  }
}

/** A union of objects told apart by one literal key; any other union is edited as JSON. */
function describeVariant(union: z.ZodDiscriminatedUnion): FieldSpec {
  const discriminator = union._zod.def.discriminator;
  const options: VariantOption[] = [];
  for (const option of union.options) {
    if (!(option instanceof z.ZodObject)) return { kind: 'json' };
    const tag: unknown = option.shape[discriminator];
    if (!(tag instanceof z.ZodLiteral) || typeof tag.value !== 'string') return { kind: 'json' };
    options.push({
      value: tag.value,
      fields: describeFields(option).filter((f) => f.key !== discriminator),
    });
  }
  return { kind: 'variant', discriminator, options };
}

/** The fields of an object schema in display order: `label` first, `notes` last. */
export function describeFields(schema: z.ZodObject): FormField[] {
  const fields = Object.entries(schema.shape)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]: [string, AnySchema]): FormField => {
      const found = unwrap(value);
      return {
        key,
        label: humanize(key),
        spec: describeSchema(value),
        optional: found.optional,
        ...('default' in found ? { default: found.default } : {}),
      };
    });
  const rank = (f: FormField) => (f.key === 'label' ? 0 : f.key === 'notes' ? 2 : 1);
  return fields.sort((a, b) => rank(a) - rank(b));
}

/** The fields of a kind's config: its object schema, looking through refinements. */
export function formOf(config: AnySchema): FormField[] {
  return config instanceof z.ZodObject ? describeFields(config) : [];
}

/**
 * A starting value for a new list item or a newly added optional object: defaults where the spec
 * has a natural one, and readable placeholders for names and ids so the item is valid at once.
 */
export function blankValue(spec: FieldSpec, key: string, index: number): unknown {
  switch (spec.kind) {
    case 'text':
      if (key === 'id' || key === 'name') return `item${index + 1}`;
      if (key === 'label' || key === 'title') return `Item ${index + 1}`;
      return spec.code === 'expression' ? 'true' : '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0] ?? '';
    case 'list':
      return [];
    case 'record':
      return {};
    case 'object':
      return blankObject(spec.fields, index);
    case 'variant':
      return spec.options[0] ? blankOption(spec.discriminator, spec.options[0], index) : {};
    case 'flow':
      return '';
    case 'json':
      return null;
  }
}

function blankObject(fields: readonly FormField[], index: number): Record<string, unknown> {
  return Object.fromEntries(
    fields
      .filter((f) => !f.optional)
      .map((f) => [f.key, f.default !== undefined ? f.default : blankValue(f.spec, f.key, index)]),
  );
}

/** A fresh value of one option of a variant: its tag, then its required fields. */
export function blankOption(
  discriminator: string,
  option: VariantOption,
  index: number,
): Record<string, unknown> {
  return { [discriminator]: option.value, ...blankObject(option.fields, index) };
}
