import { Annotation } from '@codemirror/state';
import type { ChangeSpec } from '@codemirror/state';

/** Marks a transaction that brings in a value from the flow (undo, redo, another edit). */
export const fromFlow = Annotation.define<boolean>();

/**
 * The smallest replacement that turns `current` into `next`: only the middle that differs, so
 * the cursor and selection outside it stay where they were.
 * @example changeBetween('Hi {{ a }}', 'Hi {{ ab }}') // { from: 7, to: 7, insert: 'b' }
 */
export function changeBetween(current: string, next: string): ChangeSpec & { from: number } {
  const limit = Math.min(current.length, next.length);
  let start = 0;
  while (start < limit && current[start] === next[start]) start++;
  let end = 0;
  while (end < limit - start && current[current.length - 1 - end] === next[next.length - 1 - end])
    end++;
  return {
    from: start,
    to: current.length - end,
    insert: next.slice(start, next.length - end),
  };
}
