import { describe, expect, it } from 'vitest';
import { clampIndex, onKey, type InboxState, type KeyPress } from './keys.ts';

const browse: InboxState = { index: 0, mode: 'browse' };
const press = (key: string, target: KeyPress['target'] = 'none', mod = false): KeyPress => ({
  key,
  mod,
  target,
});

describe('the inbox keyboard', () => {
  it('moves with j/k and the arrows, within the list', () => {
    let s = browse;
    for (const key of ['j', 'ArrowDown', 'j', 'j']) s = onKey(s, press(key), 3, true).state;
    expect(s.index).toBe(2);
    s = onKey(s, press('k'), 3, true).state;
    s = onKey(s, press('ArrowUp'), 3, true).state;
    s = onKey(s, press('ArrowUp'), 3, true).state;
    expect(s.index).toBe(0);
  });

  it('approves, edits and rejects by letter', () => {
    expect(onKey(browse, press('a'), 2, true).command).toBe('approve');
    expect(onKey(browse, press('e'), 2, true)).toMatchObject({
      state: { mode: 'edit' },
      command: 'focus-editor',
    });
    expect(onKey(browse, press('e'), 2, false).handled).toBe(false);
    expect(onKey({ index: 0, mode: 'edit' }, press('a'), 2, true).command).toBe('approve-edited');
    expect(onKey(browse, press('r'), 2, true)).toMatchObject({
      state: { mode: 'reject' },
      command: 'focus-feedback',
    });
  });

  it('lets people type: letters in fields are not commands', () => {
    for (const target of ['feedback', 'editor', 'field'] as const)
      for (const key of ['a', 'j', 'e', 'r'])
        expect(onKey({ index: 0, mode: 'edit' }, press(key, target), 2, true).handled).toBe(false);
    expect(onKey(browse, press('a', 'none', true), 2, true).handled).toBe(false);
  });

  it('sends with Enter: the rejection from the feedback box, the edit with Ctrl+Enter', () => {
    const rejecting = { index: 1, mode: 'reject' } as const;
    expect(onKey(rejecting, press('Enter', 'feedback'), 2, true)).toMatchObject({
      state: { index: 1, mode: 'browse' },
      command: 'reject',
    });
    const editing = { index: 1, mode: 'edit' } as const;
    expect(onKey(editing, press('Enter', 'editor'), 2, true).handled).toBe(false);
    expect(onKey(editing, press('Enter', 'editor', true), 2, true).command).toBe('approve-edited');
  });

  it('backs out with Escape, then closes', () => {
    const editing = { index: 1, mode: 'edit' } as const;
    const back = onKey(editing, press('Escape', 'editor'), 2, true);
    expect(back).toMatchObject({ state: { mode: 'browse' }, command: 'focus-list' });
    expect(onKey(back.state, press('Escape'), 2, true).command).toBe('close');
  });

  it('does nothing on an empty inbox but close, and keeps the selection on an item', () => {
    expect(onKey(browse, press('a'), 0, true).handled).toBe(false);
    expect(onKey(browse, press('Escape'), 0, true).command).toBe('close');
    expect(clampIndex({ index: 3, mode: 'edit' }, 2)).toEqual({ index: 1, mode: 'browse' });
    const same = { index: 1, mode: 'edit' } as const;
    expect(clampIndex(same, 2)).toBe(same);
  });
});
