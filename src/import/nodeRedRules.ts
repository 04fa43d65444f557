import { dottedPath, jsonataPath } from './paths.ts';
import { at, list, text } from './sanitize.ts';
import { compare, type Comparison } from './translate.ts';

/** A Node-RED `msg` property (`payload.items`) as JSONata over our input, which stands for `msg`. */
export function msgPath(property: string): string | undefined {
  const path = dottedPath(property.replace(/^msg\./, ''));
  return path ? jsonataPath({ root: { kind: 'input' }, path }) : undefined;
}

/** A typed Node-RED value (`v` with `vt`) as JSONata, or `undefined` when it reads context or env. */
function typedValue(value: unknown, type: string): string | undefined {
  const raw = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  switch (type) {
    case 'str':
    case '':
      return JSON.stringify(raw);
    case 'num':
      return Number.isFinite(Number(raw)) ? String(Number(raw)) : undefined;
    case 'bool':
      return raw === 'true' ? 'true' : 'false';
    case 'json':
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        return undefined;
      }
    case 'msg':
      return msgPath(raw);
    case 'jsonata':
      return raw || undefined;
    case 'date':
      return '$millis()';
    default:
      return undefined;
  }
}

const RULES: Readonly<Record<string, Comparison>> = {
  eq: 'eq',
  neq: 'neq',
  lt: 'lt',
  lte: 'lte',
  gt: 'gt',
  gte: 'gte',
  cont: 'contains',
  true: 'isTrue',
  false: 'isFalse',
  null: 'notExists',
  nnull: 'exists',
  empty: 'empty',
  nempty: 'notEmpty',
};

/** One Switch rule as JSONata over `left`, or `undefined` when its meaning is not clear. */
export function switchRule(rule: unknown, left: string): string | undefined {
  const t = text(rule, '', 't');
  const right = typedValue(at(rule, 'v'), text(rule, 'str', 'vt'));
  if (t === 'jsonata_exp') return text(rule, '', 'v') || undefined;
  if (t === 'btwn') {
    const high = typedValue(at(rule, 'v2'), text(rule, 'num', 'v2t'));
    return right && high ? `(${left} >= ${right} and ${left} <= ${high})` : undefined;
  }
  if (t === 'regex') {
    const source = text(rule, '', 'v').replaceAll('/', '\\/');
    return source
      ? `$contains($string(${left}), /${source}/${at(rule, 'case') === true ? 'i' : ''})`
      : undefined;
  }
  const op = RULES[t];
  if (!op) return undefined;
  return right === undefined &&
    !['isTrue', 'isFalse', 'exists', 'notExists', 'empty', 'notEmpty'].includes(op)
    ? undefined
    : compare(op, left, right ?? 'null');
}

/** The parent location and the last key of a `msg` property, for JSONata's transform operator. */
function split(property: string): { parent: string; key: string } | undefined {
  const path = dottedPath(property.replace(/^msg\./, ''));
  const key = path?.at(-1);
  if (!path || typeof key !== 'string') return undefined;
  return { parent: jsonataPath({ root: { kind: 'input' }, path: path.slice(0, -1) }), key };
}

/**
 * A Change node's rules (set, delete, move, change) as one JSONata expression built from the
 * transform operator, or `undefined` when a rule reads flow/global context or is of a kind we
 * do not know.
 */
export function changeRules(rules: unknown[]): string | undefined {
  const steps: string[] = [];
  for (const rule of rules) {
    const t = text(rule, '', 't');
    if (text(rule, 'msg', 'pt') !== 'msg') return undefined;
    const target = split(text(rule, '', 'p'));
    if (!target) return undefined;
    const update = (value: string) =>
      `|${target.parent}|{${JSON.stringify(target.key)}: ${value}}|`;
    const remove = `|${target.parent}|{}, [${JSON.stringify(target.key)}]|`;
    if (t === 'set') {
      const value = typedValue(at(rule, 'to'), text(rule, 'str', 'tot'));
      if (value === undefined) return undefined;
      steps.push(update(value));
    } else if (t === 'delete') steps.push(remove);
    else if (t === 'move') {
      const to = split(text(rule, '', 'to'));
      const from = msgPath(text(rule, '', 'p'));
      if (!to || !from || text(rule, 'msg', 'tot') !== 'msg') return undefined;
      steps.push(`|${to.parent}|{${JSON.stringify(to.key)}: $$.${from}}|`, remove);
    } else if (t === 'change') {
      const from = typedValue(at(rule, 'from'), text(rule, 'str', 'fromt'));
      const to = typedValue(at(rule, 'to'), text(rule, 'str', 'tot'));
      const path = msgPath(text(rule, '', 'p'));
      if (!from || !to || !path) return undefined;
      steps.push(update(`$replace($string($$.${path}), ${from}, ${to})`));
    } else return undefined;
  }
  return steps.length ? `$ ~> ${steps.join(' ~> ')}` : '$';
}

export const ruleList = (node: unknown) => list(node, 'rules');
