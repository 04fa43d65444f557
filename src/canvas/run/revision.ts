/** One field of an approval's subject that differs from the version shown last time. */
interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const text = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * What changed between the previous and the current subject of a revised approval, field by
 * field (the whole value when either is not an object).
 * @example changesSince({ title: 'A', body: 'x' }, { title: 'B', body: 'x' }) // [{ field: 'title', before: 'A', after: 'B' }]
 */
export function changesSince(previous: unknown, current: unknown): FieldChange[] {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(previous) || !isRecord(current)) {
    return text(previous) === text(current)
      ? []
      : [{ field: '(value)', before: text(previous), after: text(current) }];
  }
  const fields = [...new Set([...Object.keys(previous), ...Object.keys(current)])];
  return fields
    .filter((f) => text(previous[f]) !== text(current[f]))
    .map((field) => ({ field, before: text(previous[field]), after: text(current[field]) }));
}
