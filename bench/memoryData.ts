import { normalize } from '../src/memory/quantize.ts';
import type { MemoryItem } from '../src/memory/schema.ts';

/** Memories the bench makes up: in Node and in its browser page, the same for the same seed. */

export const DIMS = 384;
// A Zipf-distributed vocabulary of 5000 words, as prose has: a few words are everywhere, most rare.
export const VOCABULARY = 5000;
export const word = (rank: number) => `w${rank.toString(36)}x`;
const zipfTotal = Array.from({ length: VOCABULARY }, (_, r) => 1 / (r + 1)).reduce((a, b) => a + b);
function zipf(rnd: () => number): number {
  let u = rnd() * zipfTotal;
  for (let r = 0; r < VOCABULARY; r++) if ((u -= 1 / (r + 1)) <= 0) return r;
  return VOCABULARY - 1;
}

export function random(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
}

export function vector(rnd: () => number): Float32Array {
  return normalize(Array.from({ length: DIMS }, () => rnd() - 0.5));
}

/** A 20-word memory, linked to one of 50 entities, one in five a decision. */
export function item(i: number, rnd: () => number): MemoryItem {
  const text = Array.from({ length: 20 }, () => word(zipf(rnd))).join(' ');
  return {
    id: `mem-${i}`,
    text: `${text} #${i}`,
    kind: i % 5 === 0 ? 'decision' : 'fact',
    entities: [`ent-${i % 50}`],
    tags: [],
    source: { type: 'user' },
    createdAt: i,
    updatedAt: i,
    recallCount: 0,
    lastRecalledAt: null,
    archived: 0,
    summaryId: null,
  };
}
