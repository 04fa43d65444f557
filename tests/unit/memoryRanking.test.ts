import { describe, expect, it } from 'vitest';
import { normalize, quantize, dequantize } from '../../src/memory/quantize.ts';
import type { MemoryItem } from '../../src/memory/schema.ts';
import { memoryRow } from './memoryRow.ts';
import { SearchIndex } from '../../src/memory/searchIndex.ts';
import { snippet } from '../../src/memory/snippet.ts';
import { VectorIndex } from '../../src/memory/vectorIndex.ts';

const DIMS = 16;
/** A unit vector pointing along `axes` (weights), so similarities are known by construction. */
function vec(axes: Record<number, number>): Float32Array {
  const v = new Float32Array(DIMS);
  for (const [axis, w] of Object.entries(axes)) v[Number(axis)] = w;
  return normalize(v);
}

const item = (id: string, text: string, extra: Partial<MemoryItem> = {}): MemoryItem =>
  memoryRow(id, text, { createdAt: 1000, updatedAt: 1000, ...extra });

function seeded(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
}

describe('VectorIndex', () => {
  it('ranks by cosine similarity of the vectors it was given', () => {
    const index = new VectorIndex(DIMS);
    index.set('same', quantize(vec({ 0: 1 })));
    index.set('close', quantize(vec({ 0: 1, 1: 0.5 })));
    index.set('far', quantize(vec({ 0: 0.2, 1: 1 })));
    index.set('opposite', quantize(vec({ 0: -1 })));
    const hits = index.search(vec({ 0: 1 }), 4);
    expect(hits.map((h) => h.id)).toEqual(['same', 'close', 'far', 'opposite']);
    expect(hits[0]!.score).toBeCloseTo(1, 2);
    expect(hits[1]!.score).toBeCloseTo(1 / Math.sqrt(1.25), 2);
    expect(hits[3]!.score).toBeCloseTo(-1, 2);
  });

  it('finds the same top 10 as exact float search over random vectors, before and after deletes', () => {
    const rnd = seeded(7);
    const dims = 384;
    const index = new VectorIndex(dims, 8); // small capacity: growth is exercised
    const floats = new Map<string, Float32Array>();
    for (let i = 0; i < 3000; i++) {
      const v = normalize(Array.from({ length: dims }, rnd));
      floats.set(`m${i}`, v);
      index.set(`m${i}`, quantize(v));
    }
    for (let i = 0; i < 3000; i += 3) {
      index.delete(`m${i}`);
      floats.delete(`m${i}`);
    }
    expect(index.size).toBe(2000);
    for (let trial = 0; trial < 5; trial++) {
      const q = normalize(Array.from({ length: dims }, rnd));
      const exact = [...floats]
        .map(([id, v]) => ({ id, score: v.reduce((s, x, i) => s + x * q[i]!, 0) }))
        .sort((a, b) => b.score - a.score);
      const got = index.search(q, 10);
      // int8 rounding may swap near-ties, never admit something far down the list.
      const exactTop = new Set(exact.slice(0, 12).map((h) => h.id));
      expect(got.filter((h) => exactTop.has(h.id)).length).toBeGreaterThanOrEqual(9);
      expect(got[0]!.id).toBe(exact[0]!.id);
      expect(got[0]!.score).toBeCloseTo(exact[0]!.score, 2);
    }
    expect(index.accelerated).toBe(true);
  });

  it('gives the same scores with and without the SIMD module, for dims not a multiple of 16', () => {
    const rnd = seeded(11);
    const dims = 50;
    const fast = new VectorIndex(dims);
    const plain = new VectorIndex(dims, 4, false);
    expect([fast.accelerated, plain.accelerated]).toEqual([true, false]);
    for (let i = 0; i < 300; i++) {
      const q = quantize(normalize(Array.from({ length: dims }, rnd)));
      fast.set(`m${i}`, q);
      plain.set(`m${i}`, q);
    }
    const query = normalize(Array.from({ length: dims }, rnd));
    expect(fast.search(query, 20)).toEqual(plain.search(query, 20));
  });

  it('skips rows the filter rejects', () => {
    const index = new VectorIndex(DIMS);
    index.set('a', quantize(vec({ 0: 1 })));
    index.set('b', quantize(vec({ 0: 1, 2: 0.1 })));
    expect(index.search(vec({ 0: 1 }), 5, (id) => id !== 'a').map((h) => h.id)).toEqual(['b']);
  });

  it('quantises to int8 with a small error and keeps 1 byte per dimension', () => {
    const v = normalize(Array.from({ length: 384 }, seeded(3)));
    const q = quantize(v);
    expect(q.data).toBeInstanceOf(Int8Array);
    expect(q.data.byteLength).toBe(384);
    const back = dequantize(q);
    const maxError = Math.max(...v.map((x, i) => Math.abs(x - back[i]!)));
    expect(maxError).toBeLessThanOrEqual(q.scale / 2 + 1e-7);
  });
});

describe('SearchIndex (hybrid)', () => {
  const colour = { 0: 1 };
  const money = { 1: 1 };

  function build() {
    const index = new SearchIndex();
    const add = (m: MemoryItem, axes: Record<number, number>) => {
      index.upsert(m);
      index.setVector(m.id, quantize(vec(axes)));
    };
    add(
      item('blue', 'Acme likes navy and teal in their brand.', {
        entities: ['acme'],
        kind: 'preference',
      }),
      colour,
    );
    add(
      item('invoice', 'Acme pays invoices after 60 days.', {
        entities: ['acme'],
        tags: ['billing'],
      }),
      money,
    );
    add(
      item('other', 'Globex wants a bright palette.', {
        entities: ['globex'],
        kind: 'preference',
        createdAt: 5000,
      }),
      { 0: 1, 2: 0.3 },
    );
    add(item('old', 'Colour notes from 2019.', { archived: 1, summaryId: 's1' }), colour);
    return index;
  }

  it('finds by meaning when no word matches', () => {
    const hits = build().search({ text: 'hues', topK: 2 }, vec(colour));
    expect(hits.map((h) => h.item.id)).toEqual(['blue', 'other']);
    expect(hits[0]!.words).toBe(0);
    expect(hits[0]!.meaning).toBeCloseTo(1, 2);
    expect(hits[0]!.why).toBe('meaning: 1.00');
  });

  it('fuses words and meaning: a word match lifts an item the vector alone ranks lower', () => {
    const index = build();
    // The query vector points at colour; "invoices" only matches the money memory by words.
    const hits = index.search({ text: 'invoices', topK: 3 }, vec({ 0: 1, 1: 0.9 }));
    const invoice = hits.find((h) => h.item.id === 'invoice')!;
    expect(hits[0]!.item.id).toBe('invoice');
    expect(invoice.words).toBe(1);
    expect(invoice.terms).toEqual(['invoices']);
    expect(invoice.snippet).toContain('[invoices]');
    expect(invoice.why).toMatch(/^words: invoices · meaning: 0\.\d\d$/);
    expect(invoice.score).toBeCloseTo(0.6 * invoice.meaning! + 0.4, 5);
  });

  it('uses words only without a query vector', () => {
    const hits = build().search({ text: 'palette', topK: 5 });
    expect(hits.map((h) => h.item.id)).toEqual(['other']);
    expect(hits[0]!.meaning).toBeNull();
    expect(hits[0]!.score).toBe(1);
  });

  it('filters by entity, kind, tag and date, and leaves archived memories out unless asked', () => {
    const index = build();
    const q = vec({ 0: 1, 1: 0.3 }); // a little money: every memory has some meaning score
    const ids = (extra: object) =>
      index
        .search({ text: 'brand palette colour', topK: 10, ...extra }, q)
        .map((h) => h.item.id)
        .sort();
    expect(ids({})).toEqual(['blue', 'invoice', 'other']);
    expect(ids({ entities: ['ACME'] })).toEqual(['blue', 'invoice']);
    expect(ids({ kinds: ['preference'] })).toEqual(['blue', 'other']);
    expect(ids({ tags: ['billing'] })).toEqual(['invoice']);
    expect(ids({ from: 2000 })).toEqual(['other']);
    expect(ids({ to: 2000 })).toEqual(['blue', 'invoice']);
    expect(ids({ includeArchived: true })).toEqual(['blue', 'invoice', 'old', 'other']);
  });

  it('applies topK and the threshold to the fused score', () => {
    const index = build();
    const all = index.search({ text: 'colour', topK: 10 }, vec(colour));
    expect(all.length).toBeGreaterThan(1);
    const strict = index.search({ text: 'colour', topK: 10, threshold: 0.59 }, vec(colour));
    expect(strict.every((h) => h.score >= 0.59)).toBe(true);
    expect(strict.length).toBeLessThan(all.length);
    expect(index.search({ text: 'colour', topK: 1 }, vec(colour))).toHaveLength(1);
  });

  it('forgets removed and replaced memories', () => {
    const index = build();
    index.remove('blue');
    index.upsert(item('invoice', 'Acme moved to net 30.', { entities: ['acme'] }));
    expect(index.search({ text: 'navy', topK: 5 }).map((h) => h.item.id)).toEqual([]);
    expect(index.search({ text: 'invoices', topK: 5 }).map((h) => h.item.id)).toEqual([]);
    expect(index.search({ text: 'net', topK: 5 }).map((h) => h.item.id)).toEqual(['invoice']);
  });
});

describe('snippet', () => {
  it('shows the passage around the first matched term, marked', () => {
    const text = `${'Filler words here. '.repeat(20)}The client approved the launch date. ${'More text. '.repeat(20)}`;
    const s = snippet(text, ['launch']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('the [launch] date');
    expect(s.length).toBeLessThan(175);
  });
  it('starts at the beginning without terms', () => {
    expect(snippet('Short memory.', [])).toBe('Short memory.');
  });
});
