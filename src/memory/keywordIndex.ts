import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { MemoryItem } from './schema.ts';

const OPTIONS: Options<MemoryItem> = {
  fields: ['text', 'tags', 'entities'],
  extractField: (item, field) => {
    const value = item[field as keyof MemoryItem];
    if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
    return typeof value === 'string' ? value : '';
  },
  searchOptions: {
    // Typos in longer words only, prefixes for the word being typed: both multiply the terms
    // looked up, which is what costs time at 100k memories.
    fuzzy: (term) => (term.length > 5 ? 0.2 : false),
    prefix: (_term, i, terms) => i === terms.length - 1,
    boost: { text: 1, tags: 1.5, entities: 1.5 },
  },
};

/** Bumped when the options above or the snapshot's shape change: older snapshots are ignored. */
const SNAPSHOT_VERSION = 2;

/** Entries per part of a snapshot: each part is parsed in its own slice of the thread. */
const PART_SIZE = 5_000;

/**
 * A snapshot is a list of JSON texts, so that restoring one never parses tens of megabytes in one
 * go: the head (MiniSearch's index without its large members) and then chunks of those members.
 */
interface Head {
  readonly version: number;
  readonly keyword: Omit<AsPlainObject, Chunked>;
}
type Chunked = 'index' | 'documentIds' | 'fieldLength';
type Part =
  | { readonly k: 'index'; readonly v: AsPlainObject['index'] }
  | { readonly k: 'documentIds'; readonly v: AsPlainObject['documentIds'] }
  | { readonly k: 'fieldLength'; readonly v: AsPlainObject['fieldLength'] }
  /** What each indexed memory's words were, as a signature: `[id, signature]`. */
  | { readonly k: 'docs'; readonly v: [string, number][] };

/**
 * The words of memory: a MiniSearch (BM25) index, with what each memory looked like when it was
 * indexed (a signature of its text, tags and entities) and in how many memories each word occurs.
 * The signatures make a saved copy safe to reuse whatever changed since: a memory whose words
 * differ from its signature is indexed again, one that is gone is dropped.
 */
export class KeywordIndex {
  private index: MiniSearch<MemoryItem>;
  private readonly signatures: Map<string, number>;
  /** In how many memories each word occurs, to drop near-universal words from queries. */
  private readonly documentFrequency = new Map<string, number>();
  /** Memories (re)indexed since the last snapshot: what a saved copy would spare a reload. */
  reindexed = 0;

  /** A new index, or one restored from a snapshot (see `restored`). */
  constructor(restored?: Restored | null) {
    this.index = restored?.index ?? new MiniSearch<MemoryItem>(OPTIONS);
    this.signatures = restored?.signatures ?? new Map<string, number>();
  }

  /**
   * The index `snapshot` saved, or a new one if it is unreadable or outdated. Each part is parsed
   * in its own slice, and MiniSearch loads the whole in slices, giving the thread back between.
   */
  static async restored(
    snapshot: readonly string[],
    yieldThread: () => Promise<void>,
  ): Promise<KeywordIndex> {
    return new KeywordIndex(await restore(snapshot, yieldThread));
  }

  /** How many memories are indexed. */
  get size(): number {
    return this.signatures.size;
  }

  /**
   * Indexes `item`, replacing `old` (its previous version, counted in the word frequencies).
   * Its words are indexed again only when they changed.
   */
  put(item: MemoryItem, old: MemoryItem | undefined): void {
    if (old?.text !== item.text) {
      if (old) this.count(old.text, -1);
      this.count(item.text, 1);
    }
    if (old && sameWords(old, item) && this.signatures.has(item.id)) return;
    const signature = signatureOf(item);
    if (this.signatures.get(item.id) === signature) return;
    if (this.signatures.has(item.id)) this.index.discard(item.id);
    this.index.add(item);
    this.signatures.set(item.id, signature);
    this.reindexed++;
  }

  /** Drops a memory; `old`, when given, was counted in the word frequencies. */
  remove(id: string, old: MemoryItem | undefined): void {
    if (old) this.count(old.text, -1);
    if (!this.signatures.delete(id)) return;
    this.index.discard(id);
  }

  /** Drops every indexed memory `keep` does not hold (gone since a snapshot was taken). */
  prune(keep: (id: string) => boolean): void {
    for (const id of [...this.signatures.keys()]) if (!keep(id)) this.remove(id, undefined);
  }

  clear(): void {
    this.index = new MiniSearch<MemoryItem>(OPTIONS);
    this.signatures.clear();
    this.documentFrequency.clear();
  }

  /** BM25 search over the query's informative words, among the memories `accept` lets through. */
  search(text: string, total: number, accept: (id: string) => boolean): SearchResult[] {
    const words = this.informativeWords(text, total);
    if (!words) return [];
    return this.index.search(words, { combineWith: 'OR', filter: (r) => accept(String(r.id)) });
  }

  /**
   * The index as a list of JSON texts, to store and restore instead of indexing every memory
   * again (see `restored`).
   */
  snapshot(): string[] {
    const { index, documentIds, fieldLength, ...rest } = this.index.toJSON();
    const head: Head = { version: SNAPSHOT_VERSION, keyword: rest };
    const parts = [JSON.stringify(head)];
    const add = (part: Part) => parts.push(JSON.stringify(part));
    for (const v of chunks(index)) add({ k: 'index', v });
    for (const v of chunks(Object.entries(documentIds)))
      add({ k: 'documentIds', v: Object.fromEntries(v) });
    for (const v of chunks(Object.entries(fieldLength)))
      add({ k: 'fieldLength', v: Object.fromEntries(v) });
    for (const v of chunks([...this.signatures])) add({ k: 'docs', v });
    this.reindexed = 0;
    return parts;
  }

  /**
   * The query without words found in over a fifth of all memories (when it has rarer ones): they
   * barely move BM25 scores but make the keyword search score half the collection.
   */
  private informativeWords(text: string, total: number): string {
    const words = tokens(text);
    const limit = Math.max(50, total / 5);
    const rare = words.filter((w) => (this.documentFrequency.get(w) ?? 0) <= limit);
    return (rare.length > 0 ? rare : words).join(' ');
  }

  private count(text: string, delta: 1 | -1): void {
    for (const word of new Set(tokens(text))) {
      const n = (this.documentFrequency.get(word) ?? 0) + delta;
      if (n > 0) this.documentFrequency.set(word, n);
      else this.documentFrequency.delete(word);
    }
  }
}

/** A saved index, or null when it is unreadable or from another version (then: index anew). */
interface Restored {
  readonly index: MiniSearch<MemoryItem>;
  readonly signatures: Map<string, number>;
}

async function restore(
  parts: readonly string[],
  yieldThread: () => Promise<void>,
): Promise<Restored | null> {
  try {
    const head = JSON.parse(parts[0] ?? 'null') as Partial<Head> | null;
    if (head?.version !== SNAPSHOT_VERSION || !head.keyword) return null;
    const keyword: AsPlainObject = { ...head.keyword, index: [], documentIds: {}, fieldLength: {} };
    const signatures = new Map<string, number>();
    for (const text of parts.slice(1)) {
      await yieldThread();
      const part = JSON.parse(text) as Part;
      if (part.k === 'index') for (const entry of part.v) keyword.index.push(entry);
      else if (part.k === 'documentIds') Object.assign(keyword.documentIds, part.v);
      else if (part.k === 'fieldLength') Object.assign(keyword.fieldLength, part.v);
      else if (part.k === 'docs')
        for (const [id, signature] of part.v) signatures.set(id, signature);
      else return null;
    }
    const index = await MiniSearch.loadJSAsync(keyword, OPTIONS);
    return { index, signatures };
  } catch {
    return null;
  }
}

function* chunks<T>(list: readonly T[]): Generator<T[]> {
  for (let at = 0; at < list.length; at += PART_SIZE) yield list.slice(at, at + PART_SIZE);
}

/** Words as MiniSearch indexes them (its default tokenizer, lower-cased). */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\n\r\p{Z}\p{P}]+/u)
    .filter(Boolean);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const sameWords = (a: MemoryItem, b: MemoryItem) =>
  a.text === b.text && sameList(a.tags, b.tags) && sameList(a.entities, b.entities);

/**
 * A 52-bit FNV-1a hash of what the keyword index holds of a memory: two 32-bit lanes with
 * different offsets, so a changed memory is all but certain to be indexed again.
 */
function signatureOf(item: MemoryItem): number {
  const text = `${item.text}\u0000${item.tags.join('\u0001')}\u0000${item.entities.join('\u0001')}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
