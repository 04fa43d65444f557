import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { changeBetween } from './sync.ts';

const apply = (current: string, next: string, cursor: number) => {
  const state = EditorState.create({ doc: current, selection: { anchor: cursor } });
  const after = state.update({ changes: changeBetween(current, next) }).state;
  return { doc: after.doc.toString(), cursor: after.selection.main.head };
};

describe('bringing a value from the flow into the editor', () => {
  it('replaces only what differs', () => {
    expect(changeBetween('Hi {{ a }}', 'Hi {{ ab }}')).toEqual({ from: 7, to: 7, insert: 'b' });
    expect(changeBetween('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
    expect(changeBetween('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' });
    expect(changeBetween('', 'new')).toEqual({ from: 0, to: 0, insert: 'new' });
  });

  it('keeps the cursor in place when text elsewhere changes', () => {
    // Undo removes a word at the end while the cursor sits at the start.
    expect(apply('Dear {{ name }} hello', 'Dear {{ name }}', 2)).toEqual({
      doc: 'Dear {{ name }}',
      cursor: 2,
    });
    // A change before the cursor moves it along with its text.
    expect(apply('x + y', 'xx + y', 5)).toEqual({ doc: 'xx + y', cursor: 6 });
  });
});
