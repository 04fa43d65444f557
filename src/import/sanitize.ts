/** JSON as the importers keep it on a placeholder: plain, bounded, without prototype keys. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 20;
const MAX_STRING = 20_000;
const MAX_ITEMS = 500;
// Fields that hold credentials in some exports (Node-RED with credentials, Dify authorizations).
const SECRET_KEY =
  /^(credentials?|password|passwd|secret|client[-_]?secret|api[-_]?key|api[-_]?token|access[-_]?token|token|authorization)$/i;

/**
 * A bounded copy of untrusted data, safe to put in a flow document: keys the flow guard refuses
 * are renamed (`_constructor_`), credential fields are left out, deep nesting, long strings and
 * long lists are cut, and `cut` is told what was cut, so the report says so instead of dropping
 * it silently.
 * @example keep({ __proto__: 1 }, []) // { _proto_: 1 }
 */
export function keep(value: unknown, cut: string[], path = '', depth = 0): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (value.length <= MAX_STRING) return value;
    cut.push(`${path || 'value'}: text cut to ${MAX_STRING} characters`);
    return value.slice(0, MAX_STRING);
  }
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) {
    cut.push(`${path}: nested deeper than ${MAX_DEPTH} levels, left out`);
    return null;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) cut.push(`${path}: list cut to ${MAX_ITEMS} items`);
    return value.slice(0, MAX_ITEMS).map((v, i) => keep(v, cut, `${path}[${i}]`, depth + 1));
  }
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value).slice(0, MAX_ITEMS)) {
    const safe = FORBIDDEN.has(key) ? `_${key.replaceAll('_', '')}_` : key;
    const where = path ? `${path}.${key}` : key;
    if (SECRET_KEY.test(key) && v !== null && v !== '' && typeof v !== 'boolean') {
      cut.push(`${where}: a credential field, never imported`);
      continue;
    }
    out[safe] = keep(v, cut, where, depth + 1);
  }
  return out;
}

/** The value at `path` of untrusted data, or `undefined`. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Object.getOwnPropertyDescriptor(here, key)?.value as unknown;
  }
  return here;
}

/** A string at `path`, or `fallback`. */
export const text = (value: unknown, fallback = '', ...path: (string | number)[]): string => {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : typeof found === 'number' ? String(found) : fallback;
};

/** A list at `path` (an empty one when absent). */
export const list = (value: unknown, ...path: (string | number)[]): unknown[] => {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
};

/** A plain object at `path`, or an empty one. */
export const record = (value: unknown, ...path: (string | number)[]): Record<string, unknown> => {
  const found = at(value, ...path);
  return found !== null && typeof found === 'object' && !Array.isArray(found)
    ? Object.fromEntries(Object.entries(found))
    : {};
};
