import { create } from 'jsondiffpatch';
import { format, type Op } from 'jsondiffpatch/formatters/jsonpatch';
import type { McpToolInfo, McpToolSchemas } from '../../protocol/index.ts';
import { jsonFieldRows, type FieldRow } from '../capabilities/schemaFields.ts';

/** One field of a tool's input or output that a changed tool added, removed or changed. */
export interface FieldChange {
  /** `id`, `address.city`, `lines[].quantity`. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: FieldRow;
  readonly after?: FieldRow;
  /** What differs in a changed field, in words (`type: text → number`, `now required`). */
  readonly what: readonly string[];
}

/** One annotation (hint) a changed tool set, dropped or changed. */
interface HintChange {
  readonly name: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What changed in a tool since a person accepted it. */
interface ToolChanges {
  readonly input: readonly FieldChange[];
  readonly output: readonly FieldChange[];
  readonly hints: readonly HintChange[];
}

// Notes are lists of words, matched by value: a reordering is a move, not a change. Without
// diff-match-patch, a long description that changed is replaced whole, as a person reads it.
const differ = create();

type Rows = Record<string, Omit<FieldRow, 'path'>>;

const rowsBy = (schema: Record<string, unknown> | undefined): Rows =>
  Object.fromEntries(
    (schema ? jsonFieldRows(schema) : []).map(({ path, ...row }) => [path, row] as const),
  );

/** A JSON Pointer's parts (`~1` is `/`, `~0` is `~`). */
const partsOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A changed type in words: the alternatives a union (`text or null`, `card or bank`) gained and
 * lost when it keeps some, else the type before and now.
 */
function typeWords(was: string, now: string): string {
  const before = was.split(' or ');
  const after = now.split(' or ');
  const added = after.filter((t) => !before.includes(t));
  const dropped = before.filter((t) => !after.includes(t));
  const kept = after.length - added.length;
  if (before.length + after.length < 3 || kept === 0 || added.length + dropped.length === 0)
    return `type: ${was} → ${now}`;
  return [
    ...added.map((t) => `adds option: ${t}`),
    ...dropped.map((t) => `drops option: ${t}`),
  ].join('; ');
}

/** One patch operation inside a field, in words; undefined for a move (notes reordered). */
function wordsOf(op: Op, attribute: string, before: Omit<FieldRow, 'path'>): string | undefined {
  if (op.op === 'move') return undefined;
  if (op.op === 'remove') return `drops: ${shown(before.notes[Number(partsOf(op.path).at(-1))])}`;
  if (attribute === 'required') return op.value ? 'now required' : 'now optional';
  if (attribute === 'type') return typeWords(before.type, shown(op.value));
  return op.op === 'add' ? `adds: ${shown(op.value)}` : `now: ${shown(op.value)}`;
}

/**
 * The fields of two JSON Schemas compared with jsondiffpatch, each as one added, removed or
 * changed field (nested objects and lists of objects by their paths), in the order the fields
 * are now, removed ones last.
 */
export function fieldChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): FieldChange[] {
  const a = rowsBy(before);
  const b = rowsBy(after);
  const delta = differ.diff(a, b);
  if (!delta) return [];
  const byField = new Map<string, FieldChange>();
  for (const op of format(delta)) {
    const [path = '', attribute, ...rest] = partsOf(op.path);
    const was = a[path];
    const now = b[path];
    if (attribute === undefined || !was || !now) {
      byField.set(path, {
        path,
        change: now ? 'added' : 'removed',
        ...(was ? { before: { path, ...was } } : {}),
        ...(now ? { after: { path, ...now } } : {}),
        what: [],
      });
      continue;
    }
    const words = wordsOf(op, rest.length > 0 ? `${attribute}[]` : attribute, was);
    if (words === undefined) continue;
    const known = byField.get(path);
    byField.set(path, {
      path,
      change: 'changed',
      before: { path, ...was },
      after: { path, ...now },
      what: [...(known?.what ?? []), words],
    });
  }
  const order = [...Object.keys(b), ...Object.keys(a).filter((p) => !(p in b))];
  return order.flatMap((p) => byField.get(p) ?? []);
}

/** The hints a tool set, dropped or changed, by name. */
function hintChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): HintChange[] {
  const delta = differ.diff(before ?? {}, after ?? {});
  if (!delta) return [];
  const names = new Set(format(delta).map((op) => partsOf(op.path)[0] ?? ''));
  return [...names].map((name) => ({ name, before: before?.[name], after: after?.[name] }));
}

/**
 * What changed in a tool since it was accepted: its input and output fields and its hints.
 * Undefined when the tool did not change, or when what was accepted was not kept.
 */
export function toolChanges(tool: McpToolInfo): ToolChanges | undefined {
  const previous: McpToolSchemas | undefined = tool.previous;
  if (!tool.changed || !previous) return undefined;
  return {
    input: fieldChanges(previous.inputSchema, tool.inputSchema),
    output: fieldChanges(previous.outputSchema, tool.outputSchema),
    hints: hintChanges(previous.annotations, tool.annotations),
  };
}
