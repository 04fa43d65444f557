import MiniSearch from 'minisearch';
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

export interface Weights {
  readonly meaning: number;
  readonly words: number;
}

/** Meaning counts more, words keep exact names and codes (which embeddings blur) findable. */
export const defaultWeights: Weights = { meaning: 0.6, words: 0.4 };

/**
 * The searchable copy of memory, held in memory: a MiniSearch keyword index and an int8 vector
 * index over the same items. Pure (no storage, no model): `IndexedMemory` fills it from IndexedDB
 * and hands it query vectors; tests hand it vectors they construct.
 */
export class SearchIndex {
  private readonly items = new Map<string, MemoryItem>();
  private vectors: VectorIndex | null = null;
  private readonly keyword = new MiniSearch<MemoryItem>({
    fields: ['text', 'tags', 'entities'],
    extractField: (item, field) => {
      const value = item[field as keyof MemoryItem];
      if (Array.isArray(value)) return value.join(' ');
      return typeof value === 'string' ? value : '';
    },
    searchOptions: {
      // Typos in longer words only, prefixes for the word being typed: both multiply the terms
      // looked up, which is what costs time at 100k memories.
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      prefix: (_term, i, terms) => i === terms.length - 1,
      boost: { text: 1, tags: 1.5, entities: 1.5 },
    },
  });

  /** In how many memories each word occurs, to drop near-universal words from queries. */
  private readonly documentFrequency = new Map<string, number>();

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
    const old = this.items.get(item.id);
    if (old) {
      this.keyword.discard(item.id);
      this.count(old, -1);
    }
    this.items.set(item.id, item);
    this.keyword.add(item);
    this.count(item, 1);
  }

  setVector(id: string, vector: Quantized): void {
    this.vectors ??= new VectorIndex(vector.data.length);
    this.vectors.set(id, vector);
  }

  remove(id: string): void {
    const old = this.items.get(id);
    if (!old) return;
    this.items.delete(id);
    this.count(old, -1);
    this.keyword.discard(id);
    this.vectors?.delete(id);
  }

  clear(): void {
    this.items.clear();
    this.documentFrequency.clear();
    this.keyword.removeAll();
    this.vectors = null;
  }

  /**
   * Hybrid search: the best candidates by meaning (when `vector` is given) and by words, fused
   * by weighted score, filtered, cut at `threshold` and `topK`.
   */
  search(query: SearchQuery, vector?: Float32Array | null): SearchHit[] {
    const accept = this.filter(query);
    const pool = Math.max(50, query.topK * 5);
    const wordsQuery = this.informativeWords(query.text);
    const byWords = wordsQuery
      ? this.keyword.search(wordsQuery, { combineWith: 'OR', filter: (r) => accept(String(r.id)) })
      : [];
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

  /**
   * The query without words found in over a fifth of all memories (when it has rarer ones): they
   * barely move BM25 scores but make the keyword search score half the collection.
   */
  private informativeWords(text: string): string {
    const words = tokens(text);
    const limit = Math.max(50, this.items.size / 5);
    const rare = words.filter((w) => (this.documentFrequency.get(w) ?? 0) <= limit);
    return (rare.length > 0 ? rare : words).join(' ');
  }

  private count(item: MemoryItem, delta: 1 | -1): void {
    for (const word of new Set(tokens(item.text))) {
      const n = (this.documentFrequency.get(word) ?? 0) + delta;
      if (n > 0) this.documentFrequency.set(word, n);
      else this.documentFrequency.delete(word);
    }
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

/** Words as MiniSearch indexes them (its default tokenizer, lower-cased). */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\n\r\p{Z}\p{P}]+/u)
    .filter(Boolean);
}

function explain(meaning: number | null, terms: readonly string[]): string {
  const parts: string[] = [];
  if (terms.length > 0) parts.push(`words: ${terms.join(', ')}`);
  if (meaning !== null) parts.push(`meaning: ${meaning.toFixed(2)}`);
  return parts.join(' · ') || 'no direct match';
}
