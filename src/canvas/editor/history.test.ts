import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, record, redo, seal, startHistory, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes edits in order', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('merges edits with the same key into one step until sealed', () => {
    let h = startHistory(0);
    h = record(h, 1, 'drag');
    h = record(h, 2, 'drag');
    h = record(h, 3, 'drag');
    expect(undo(h).present).toBe(0);
    h = record(seal(h), 4, 'drag');
    expect(undo(h).present).toBe(3);
  });

  it('forgets the redo branch after a new edit', () => {
    let h = record(record(startHistory(0), 1), 2);
    h = record(undo(h), 5);
    expect(h.present).toBe(5);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe(1);
  });

  it('does not merge across an undo', () => {
    let h = record(record(startHistory(0), 1, 'k'), 2);
    h = record(undo(h), 3, 'k');
    expect(undo(h).present).toBe(1);
  });

  it('keeps at most the limit of steps', () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
