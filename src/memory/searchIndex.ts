import { KeywordIndex } from './keywordIndex.ts';
import type { Quantized } from './quantize.ts';
import type { MemoryItem } from './schema.ts';
import { snippet } from './snippet.ts';
import { VectorIndex } from './vectorIndex.ts';

export interface SearchQuery {
  readonly text: string;
  readonly topK: number;
  /** Minimum fused score, 0..1. */
  readonly threshold?: number;
  /** Keep memories linked to any of these entity ids or names (case-insensitive). */
  readonly entities?: readonly string[];
  readonly kinds?: readonly string[];
  /** Keep memories carrying any of these tags. */
  readonly tags?: readonly string[];
  /** Created at or after / before, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  /** Archived memories (behind a summary) are left out unless asked for. */
  readonly includeArchived?: boolean;
}

export interface SearchHit {
  readonly item: MemoryItem;
  /** Fused score 0..1: `meaning * weights.meaning + words * weights.words`. */
  readonly score: number;
  /** Cosine similarity clamped to 0..1, or null without vectors. */
  readonly meaning: number | null;
  /** Keyword (BM25) score relative to the best keyword match, 0..1. */
  readonly words: number;
  readonly terms: readonly string[];
  /** The matching passage, terms marked `[…]`. */
  readonly snippet: string;
  /** Why it matched, in a few words. */
  readonly why: string;
}

interface Weights {
  readonly meaning: number;
  readonly words: number;
}

/** Meaning counts more, words keep exact names and codes (which embeddings blur) findable. */
const defaultWeights: Weights = { meaning: 0.6, words: 0.4 };

/**
 * The searchable copy of memory, held in memory: a MiniSearch keyword index and an int8 vector
 * index over the same items. Pure (no storage, no model): `IndexedMemory` fills it from IndexedDB
 * and hands it query vectors; tests hand it vectors they construct.
 */
export class SearchIndex {
  private readonly items = new Map<string, MemoryItem>();
  private vectors: VectorIndex | null = null;
  private keyword = new KeywordIndex();
  /** While `sync` runs: memories changed meanwhile from outside, newer than its rows. */
  private changedDuringSync: Set<string> | null = null;

  constructor(private readonly weights: Weights = defaultWeights) {}

  get size(): number {
    return this.items.size;
  }
  get vectorCount(): number {
    return this.vectors?.size ?? 0;
  }
  /** Bytes per vector in the vector index. */
  get vectorBytes(): number {
    return this.vectors?.bytesPerVector ?? 0;
  }

  get(id: string): MemoryItem | undefined {
    return this.items.get(id);
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
  hasVector(id: string): boolean {
    return this.vectors?.has(id) ?? false;
  }

  upsert(item: MemoryItem): void {
    this.changedDuringSync?.add(item.id);
    this.put(item);
  }

  private put(item: MemoryItem): void {
    this.keyword.put(item, this.items.get(item.id));
    this.items.set(item.id, item);
  }

  /**
   * Brings the index in line with `rows` (all memories as stored): new and changed ones are
   * indexed, gone ones dropped; memories whose words did not change are not indexed again. So an
   * index restored from a snapshot, or loaded before another tab wrote, catches up cheaply. It
   * works in slices and gives the thread back between them, so indexing 100,000 memories never
   * freezes the page; a memory written or removed meanwhile keeps what that change made of it.
   */
  async sync(rows: readonly MemoryItem[]): Promise<void> {
    const ids = new Set<string>();
    const outside = new Set<string>();
    this.changedDuringSync = outside;
    try {
      await inSlices(rows, (row) => {
        ids.add(row.id);
        if (!outside.has(row.id)) this.put(row);
      });
      const keep = (id: string) => ids.has(id) || outside.has(id);
      for (const id of [...this.items.keys()]) if (!keep(id)) this.drop(id);
      this.keyword.prune(keep);
    } finally {
      this.changedDuringSync = null;
    }
  }

  /** Starts again from a saved keyword index (see `keywordSnapshot`); `sync` then catches up. */
  async restoreKeywords(snapshot: readonly string[]): Promise<void> {
    this.items.clear();
    this.keyword = await KeywordIndex.restored(snapshot, yieldThread);
  }

  /** The keyword index as JSON texts, to save; `keywordChanges` says how much it changed since. */
  keywordSnapshot(): string[] {
    return this.keyword.snapshot();
  }
  get keywordChanges(): number {
    return this.keyword.reindexed;
  }
  /** The keyword index was saved elsewhere (a worker indexing the same rows): nothing to save. */
  keywordsSaved(): void {
    this.keyword.reindexed = 0;
  }

  /** Vectors are reloaded whole: reading them is cheap next to indexing words. */
  clearVectors(): void {
    this.vectors = null;
  }

  setVector(id: string, vector: Quantized): void {
    this.vectors ??= new VectorIndex(vector.data.length);
    this.vectors.set(id, vector);
  }

  remove(id: string): void {
    this.changedDuringSync?.add(id);
    this.drop(id);
  }

  private drop(id: string): void {
    const old = this.items.get(id);
    this.items.delete(id);
    this.keyword.remove(id, old);
    this.vectors?.delete(id);
  }

  clear(): void {
    this.items.clear();
    this.keyword.clear();
    this.vectors = null;
  }

  /**
   * Hybrid search: the best candidates by meaning (when `vector` is given) and by words, fused
   * by weighted score, filtered, cut at `threshold` and `topK`.
   */
  search(query: SearchQuery, vector?: Float32Array | null): SearchHit[] {
    const accept = this.filter(query);
    const pool = Math.max(50, query.topK * 5);
    const byWords = this.keyword.search(query.text, this.items.size, accept);
    const topWords = byWords[0]?.score ?? 1;
    const words = new Map<string, { score: number; terms: string[] }>();
    for (const r of byWords.slice(0, pool))
      words.set(String(r.id), { score: r.score / topWords, terms: r.terms });
    const useVectors = vector && this.vectors && this.vectors.dims === vector.length;
    const candidates = new Set(words.keys());
    if (useVectors)
      for (const hit of this.vectors!.search(vector, pool, accept)) candidates.add(hit.id);
    const weights = useVectors ? this.weights : { meaning: 0, words: 1 };
    const hits: SearchHit[] = [];
    for (const id of candidates) {
      const item = this.items.get(id)!;
      const cos = useVectors ? this.vectors!.similarity(id, vector) : undefined;
      const meaning = cos === undefined ? null : Math.max(0, Math.min(1, cos));
      const w = words.get(id);
      const score = (meaning ?? 0) * weights.meaning + (w?.score ?? 0) * weights.words;
      if (score < (query.threshold ?? 0) || score <= 0) continue;
      const terms = w?.terms ?? [];
      hits.push({
        item,
        score,
        meaning,
        words: w?.score ?? 0,
        terms,
        snippet: snippet(item.text, terms),
        why: explain(meaning, terms),
      });
    }
    hits.sort((a, b) => b.score - a.score || b.item.createdAt - a.item.createdAt);
    return hits.slice(0, query.topK);
  }

  private filter(query: SearchQuery): (id: string) => boolean {
    const entities = query.entities?.map((e) => e.toLowerCase());
    const { kinds, tags, from, to, includeArchived } = query;
    return (id) => {
      const item = this.items.get(id);
      if (!item) return false;
      if (!includeArchived && item.archived === 1) return false;
      if (kinds && kinds.length > 0 && !kinds.includes(item.kind)) return false;
      if (tags && tags.length > 0 && !tags.some((t) => item.tags.includes(t))) return false;
      if (from !== undefined && item.createdAt < from) return false;
      if (to !== undefined && item.createdAt > to) return false;
      if (entities && entities.length > 0)
        return item.entities.some((e) => entities.includes(e.toLowerCase()));
      return true;
    };
  }
}

function explain(meaning: number | null, terms: readonly string[]): string {
  const parts: string[] = [];
  if (terms.length > 0) parts.push(`words: ${terms.join(', ')}`);
  if (meaning !== null) parts.push(`meaning: ${meaning.toFixed(2)}`);
  return parts.join(' · ') || 'no direct match';
}

/** How long indexing holds the thread before giving it back (a frame is 16 ms). */
const SLICE_MS = 10;

/** Gives the thread back: to the page's input and paint, or to a worker's messages. */
const yieldThread = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/** Calls `each` on every row, giving the thread back every `SLICE_MS`. */
async function inSlices<T>(rows: readonly T[], each: (row: T) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < rows.length; i++) {
    each(rows[i]!);
    if ((i & 63) === 63 && performance.now() - sliceStart > SLICE_MS) {
      await yieldThread();
      sliceStart = performance.now();
    }
  }
}
