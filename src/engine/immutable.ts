/**
 * Values the engine logs and keeps are immutable: what a node returns, every event, every
 * checkpoint and run record leaves the engine as a deep-frozen value made by `immutable`. That lets
 * a store keep them by reference (`MemoryStore`), a checkpoint share the context's values, and a
 * value that many events carry (one node's output is the next one's input, and sits in the context
 * and its checkpoints) be frozen once instead of copied at each of them.
 *
 * Only values made here count: something frozen elsewhere (zod freezes a `.readonly()` list, not
 * what is in it) is copied like any other.
 */
const made = new WeakSet<object>();

/** Whether `value` is one of the deep-frozen values `immutable` made (or a primitive). */
export function isImmutable(value: unknown): boolean {
  return value === null || typeof value !== 'object' || made.has(value);
}

/**
 * `value` as a deep-frozen plain JSON value: what `immutable` already made is taken as it is, the
 * rest is copied (so nothing its owner still holds is frozen under it). Like JSON, it drops
 * `undefined` object members, turns `undefined` list items into null, and keeps only enumerable
 * properties.
 * @example immutable({ a: [1, undefined] }) // a frozen { a: [1, null] }
 */
export function immutable<T>(value: T): T {
  if (value === null || typeof value !== 'object' || made.has(value)) return value;
  let out: unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    out = (value as unknown[]).map((item) => (item === undefined ? null : immutable(item)));
  } else {
    out = {};
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = immutable(member);
    }
  }
  Object.freeze(out);
  made.add(out);
  return out as T;
}

/**
 * Freezes an object the engine just built (an event; without `undefined` members) without copying
 * it; members that are not yet immutable are made so. Unmarked: see `sealed`.
 */
export function frozen<T extends object>(built: T): T {
  const members = built as Record<string, unknown>;
  for (const key in members) {
    const member = members[key];
    if (!isImmutable(member)) members[key] = immutable(member);
  }
  return Object.freeze(built);
}

/** `frozen`, and marked as immutable (a run record, which stores check one by one). */
export const seal = <T extends object>(built: T): T => sealed(frozen(built));

/**
 * Marks an object the engine built and froze from immutable parts (a checkpoint, a step's list of
 * events) as immutable as it is. Only what a store or a later step checks needs marking: the parts
 * inside are frozen by construction, and marking costs more than freezing (~1 µs).
 */
export function sealed<T extends object>(frozen: T): T {
  made.add(frozen);
  return frozen;
}
