/** A path into a node's config, as zod reports it. */
export type Path = readonly (string | number)[];

export const pathKey = (path: Path) => path.join('.');

export function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = Reflect.get(at, key);
  }
  return at;
}

/**
 * A copy of `value` with `next` at `path`; `undefined` removes an object key. Objects and arrays
 * along the path are copied, everything else is shared.
 * @example setIn({ a: { b: 1 } }, ['a', 'b'], 2) // { a: { b: 2 } }
 */
export function setIn(value: unknown, path: Path, next: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  const child = rest.length === 0 ? next : setIn(getIn(value, [key]), rest, next);
  if (typeof key === 'number') {
    const list: unknown[] = Array.isArray(value) ? Array.from(value as readonly unknown[]) : [];
    list[key] = child;
    return list;
  }
  const record: Record<string, unknown> =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  if (child === undefined) delete record[key];
  else record[key] = child;
  return record;
}
