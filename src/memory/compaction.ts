import type { MemoryItem } from './schema.ts';

export interface CompactionPolicy {
  /** Only memories older than this many ms are compacted. */
  readonly olderThanMs: number;
  /** …and recalled at most this many times. */
  readonly maxRecalls: number;
  /** A group needs at least this many memories to be worth a summary. */
  readonly minGroup: number;
}

/** What compaction takes unless told otherwise: older than 90 days, recalled at most once, 3 or more. */
export const defaultCompactionPolicy: CompactionPolicy = {
  olderThanMs: 90 * 24 * 3600 * 1000,
  maxRecalls: 1,
  minGroup: 3,
};

interface CompactionGroup {
  /** The entity the group is about (its first entity), or '' for none. */
  readonly entity: string;
  readonly kind: string;
  readonly items: readonly MemoryItem[];
}

/**
 * Which memories to archive, grouped by what they are about (first entity, then kind) so each
 * summary reads as one topic. Summaries themselves and archived memories are never regrouped.
 */
export function planCompaction(
  items: Iterable<MemoryItem>,
  now: number,
  policy: CompactionPolicy = defaultCompactionPolicy,
): CompactionGroup[] {
  const groups = new Map<string, CompactionGroup & { items: MemoryItem[] }>();
  for (const item of items) {
    if (item.archived === 1 || item.kind === 'summary') continue;
    if (now - item.createdAt < policy.olderThanMs || item.recallCount > policy.maxRecalls) continue;
    const entity = item.entities[0] ?? '';
    const key = `${entity}\u0000${item.kind}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { entity, kind: item.kind, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()]
    .filter((g) => g.items.length >= policy.minGroup)
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => a.createdAt - b.createdAt) }));
}

const STOP = new Set(
  'a an and are as at be but by for from has have in is it its of on or that the this to was we were will with'.split(
    ' ',
  ),
);

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w));

/**
 * An extractive summary: the sentences whose words are most frequent across all `texts`, in their
 * original order, at most `maxSentences`. Used when no agent is configured to write one.
 * @example extractiveSummary(['Acme wants blue.', 'Acme prefers blue logos.'], 1) // 'Acme prefers blue logos.'
 */
export function extractiveSummary(texts: readonly string[], maxSentences = 3): string {
  const sentences = texts.flatMap((t) =>
    t
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of new Set(words(s))) freq.set(w, (freq.get(w) ?? 0) + 1);
  const scored = sentences.map((s, order) => {
    const ws = words(s);
    const score = ws.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / Math.sqrt(ws.length || 1);
    return { s, order, score };
  });
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .filter((x, i, all) => all.findIndex((y) => y.s === x.s) === i)
    .slice(0, maxSentences)
    .sort((a, b) => a.order - b.order);
  // Memories are often a phrase without a full stop: end each, so they read apart.
  return chosen.map((x) => (/[.!?…]$/u.test(x.s) ? x.s : `${x.s}.`)).join(' ');
}
