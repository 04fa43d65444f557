import { describe, expect, it } from 'vitest';
import { immutable, isImmutable } from './immutable.ts';

describe('immutable', () => {
  it('copies what it did not make, deep-frozen, as JSON would keep it', () => {
    const owned = { a: { list: [1, undefined, { b: 2 }] }, gone: undefined };
    const kept = immutable(owned);
    expect(kept).toEqual({ a: { list: [1, null, { b: 2 }] } });
    expect(kept).not.toHaveProperty('gone');
    expect(kept).not.toBe(owned);
    // Its owner can go on changing the original.
    owned.a.list.push(4);
    expect(kept.a.list).toHaveLength(3);
    expect(Object.isFrozen(kept.a.list[2])).toBe(true);
    expect(() => ((kept.a as { list: unknown[] }).list[0] = 9)).toThrow(TypeError);
  });

  it('takes what it made as it is, and nothing else that merely looks frozen', () => {
    const kept = immutable({ a: [1, 2] });
    expect(immutable(kept)).toBe(kept);
    expect(immutable({ again: kept }).again).toBe(kept);
    // A list frozen elsewhere (zod's `.readonly()` does this) may hold things that are not.
    const inside = { node: 'x' };
    const shallow = Object.freeze([inside]);
    expect(isImmutable(shallow)).toBe(false);
    const copied = immutable(shallow);
    expect(copied).not.toBe(shallow);
    expect(copied[0]).not.toBe(inside);
    expect(isImmutable(copied[0])).toBe(true);
  });
});
