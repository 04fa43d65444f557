/**
 * An undo stack over immutable snapshots. Consecutive edits that share a `key` (keystrokes in one
 * field, the frames of one drag) merge into one step, so undo goes back a whole gesture.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** Key of the last recorded edit while it may still absorb the next one. */
  readonly key: string | undefined;
}

/** Steps kept; older ones are dropped so a long session stays light. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], key: undefined };
}

/**
 * Records `next` as the new present. With the same `key` as the previous edit it replaces that
 * step instead of adding one.
 * @example record(record(startHistory(0), 1, 'a'), 2, 'a').past // [0]
 */
export function record<T>(history: History<T>, next: T, key?: string): History<T> {
  if (next === history.present) return history;
  if (key !== undefined && key === history.key) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], key };
}

/** Ends the current gesture: the next edit starts a new step even with the same key. */
export function seal<T>(history: History<T>): History<T> {
  return history.key === undefined ? history : { ...history, key: undefined };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    key: undefined,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: rest,
    key: undefined,
  };
}
