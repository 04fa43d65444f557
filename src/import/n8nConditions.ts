import type { DraftNode } from './draft.ts';
import type { Draft } from './draft.ts';
import { node, type Origin } from './make.ts';
import type { N8nFields } from './n8n.ts';
import { at, list, text } from './sanitize.ts';
import { compare, untranslatedExpression, type Comparison } from './translate.ts';

const OPERATIONS: Readonly<Record<string, Comparison>> = {
  equals: 'eq',
  equal: 'eq',
  notEquals: 'neq',
  notEqual: 'neq',
  contains: 'contains',
  notContains: 'notContains',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  gt: 'gt',
  larger: 'gt',
  gte: 'gte',
  largerEqual: 'gte',
  lt: 'lt',
  smaller: 'lt',
  lte: 'lte',
  smallerEqual: 'lte',
  empty: 'empty',
  isEmpty: 'empty',
  notEmpty: 'notEmpty',
  isNotEmpty: 'notEmpty',
  true: 'isTrue',
  false: 'isFalse',
  exists: 'exists',
  notExists: 'notExists',
};

/** One n8n condition (v2 `{ leftValue, rightValue, operator }` or v1 `{ value1, operation, value2 }`) as JSONata. */
function one(c: unknown, f: N8nFields, field: string, type: string): string | undefined {
  const operation = text(c, '', 'operator', 'operation') || text(c, '', 'operation');
  const op = OPERATIONS[operation];
  if (!op) return undefined;
  const kind = text(c, type, 'operator', 'type');
  const literal = (t: string) =>
    kind === 'number' && t.trim() !== '' && Number.isFinite(Number(t))
      ? String(Number(t))
      : kind === 'boolean'
        ? String(t === 'true')
        : JSON.stringify(t);
  const left = f.expression(`${field}.left`, at(c, 'leftValue') ?? at(c, 'value1'), literal);
  const right = f.expression(
    `${field}.right`,
    at(c, 'rightValue') ?? at(c, 'value2') ?? '',
    literal,
  );
  if (left.startsWith('⚠') || right.startsWith('⚠')) return undefined;
  return compare(op, left, right);
}

/** The conditions of an n8n IF/Filter/Switch rule, combined, or the marked original. */
function combined(value: unknown, f: N8nFields, field: string): { when: string; clear: boolean } {
  const v2 = list(value, 'conditions');
  const v1 = ['string', 'number', 'boolean', 'dateTime'].flatMap((type) =>
    list(value, type).map((c) => [c, type] as const),
  );
  const all = v2.length > 0 ? v2.map((c) => [c, 'string'] as const) : v1;
  const parts = all.map(([c, type], i) => one(c, f, `${field}[${i}]`, type));
  const joiner = /or|any/i.test(
    text(value, 'and', 'combinator') + text(value, '', 'combineOperation'),
  )
    ? ' or '
    : ' and ';
  if (parts.length === 0 || parts.some((p) => p === undefined))
    return {
      when: untranslatedExpression('n8n', JSON.stringify(value).slice(0, 2_000)),
      clear: false,
    };
  return { when: parts.map((p) => `(${p})`).join(joiner), clear: true };
}

/** n8n IF (and Filter): a Condition with a "yes" branch; the false output is our `else`. */
export function n8nCondition(
  draft: Draft,
  origin: Origin,
  parameters: Record<string, unknown>,
  f: N8nFields,
  filter: boolean,
): { node: DraftNode; ports: (i: number) => string | undefined } {
  const { when, clear } = combined(parameters['conditions'], f, 'conditions');
  if (!clear)
    draft.noteExpression(
      f.id,
      'branches[0].when',
      JSON.stringify(parameters['conditions'] ?? null).slice(0, 500),
    );
  const made = node(draft, origin, 'condition', { branches: [{ id: 'yes', label: 'True', when }] });
  draft.record(
    origin.name,
    origin.type,
    clear && !filter ? 'mapped' : 'approximated',
    made,
    filter
      ? 'a Filter becomes a condition: items that do not pass go to "else"'
      : clear
        ? undefined
        : 'its conditions are kept verbatim: rewrite them',
  );
  return { node: made, ports: (i) => (i === 0 ? 'yes' : i === 1 ? 'else' : undefined) };
}

/** n8n Switch (rules mode): one branch per rule in order; the fallback output is `else`. */
export function n8nSwitch(
  draft: Draft,
  origin: Origin,
  parameters: Record<string, unknown>,
  f: N8nFields,
): { node: DraftNode; ports: (i: number) => string | undefined } {
  const rules = list(parameters, 'rules', 'values');
  const branches = rules.slice(0, 19).map((rule, i) => {
    const { when } = combined(at(rule, 'conditions'), f, `rules[${i}]`);
    const label = (text(rule, '', 'outputKey') || `Rule ${i + 1}`).slice(0, 60);
    return { id: `r${i + 1}`, label, when };
  });
  const clear = branches.length > 0 && branches.every((b) => !b.when.startsWith('⚠'));
  const made = node(draft, origin, 'condition', {
    branches: branches.length
      ? branches
      : [
          {
            id: 'r1',
            label: 'Rule 1',
            when: untranslatedExpression('n8n', JSON.stringify(parameters).slice(0, 2_000)),
          },
        ],
  });
  draft.record(
    origin.name,
    origin.type,
    clear ? 'mapped' : 'approximated',
    made,
    clear
      ? 'the first rule that holds is taken'
      : 'rules kept verbatim (expression mode or unknown operations): rewrite them',
  );
  const fallback =
    text(parameters, 'none', 'options', 'fallbackOutput') === 'extra' ? branches.length : -1;
  return {
    node: made,
    ports: (i) => (i === fallback ? 'else' : i < branches.length ? `r${i + 1}` : undefined),
  };
}
