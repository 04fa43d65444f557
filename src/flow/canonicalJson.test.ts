import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

describe('canonicalJson', () => {
  it('gives one text for objects whose keys differ only in order, at any depth', () => {
    const a = { b: 1, a: { d: [{ f: 1, e: 2 }], c: null } };
    const b = { a: { c: null, d: [{ e: 2, f: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
    expect(Object.keys(JSON.parse(canonicalJson(a)) as object)).toEqual(['a', 'b']);
  });

  it('keeps the order of lists, which is part of their meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ x: 'kim' })).not.toBe(canonicalJson({ x: 'lee' }));
  });
});
