import { describe, expect, it } from 'vitest';
import { commandFor, shortcuts } from './shortcuts.ts';
import type { KeyPress } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcut table', () => {
  it('gives every key combination to one command only', () => {
    const keys = shortcuts.flatMap((s) => s.keys);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('opens the quick-add with "/" and with Ctrl or Cmd+K', () => {
    expect(commandFor(press('/'))).toBe('quickAdd');
    expect(commandFor(press('k', { ctrlKey: true }))).toBe('quickAdd');
    expect(commandFor(press('k', { metaKey: true }))).toBe('quickAdd');
    expect(commandFor(press('k'))).toBeUndefined();
  });

  it('lays out with Shift+L and toggles snapping with Shift+G, not with the bare letters', () => {
    expect(commandFor(press('L', { shiftKey: true }))).toBe('autoLayout');
    expect(commandFor(press('G', { shiftKey: true }))).toBe('toggleSnap');
    expect(commandFor(press('l'))).toBeUndefined();
    expect(commandFor(press('g'))).toBeUndefined();
  });

  it('groups into a subflow with Ctrl or Cmd+G, apart from snapping on Shift+G', () => {
    expect(commandFor(press('g', { ctrlKey: true }))).toBe('groupSubflow');
    expect(commandFor(press('g', { metaKey: true }))).toBe('groupSubflow');
    expect(commandFor(press('G', { shiftKey: true }))).toBe('toggleSnap');
  });

  it('still reads "?" as help on layouts where it needs Shift', () => {
    expect(commandFor(press('?', { shiftKey: true }))).toBe('help');
  });
});
