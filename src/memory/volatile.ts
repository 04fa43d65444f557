import MiniSearch from 'minisearch';
import type { MemoryHit, MemoryPort } from '../engine/contract/index.ts';

interface Item {
  id: string;
  text: string;
  kind: string;
  entities: string[];
  tags: string[];
}

/**
 * Memory kept in this process only, ranked by words (BM25 through MiniSearch). The CLI and engine
 * tests use it; the browser keeps memory in IndexedDB with embeddings.
 */
export class VolatileMemory implements MemoryPort {
  private readonly items = new Map<string, Item>();
  private readonly index = new MiniSearch<Item>({
    fields: ['text', 'entities', 'tags'],
    storeFields: ['id'],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });

  recall(query: Parameters<MemoryPort['recall']>[0]): Promise<MemoryHit[]> {
    const entity = query.entity?.toLowerCase();
    const results = this.index.search(query.text, { combineWith: 'OR' });
    const top = results[0]?.score ?? 1;
    const hits: MemoryHit[] = [];
    for (const r of results) {
      const item = this.items.get(String(r.id));
      if (!item) continue;
      if (entity && !item.entities.some((e) => e.toLowerCase() === entity)) continue;
      if (query.kinds.length > 0 && !query.kinds.includes(item.kind)) continue;
      if (query.tags.length > 0 && !query.tags.some((t) => item.tags.includes(t))) continue;
      const score = r.score / top;
      if (score < query.threshold) continue;
      hits.push({ id: item.id, text: item.text, score, entities: item.entities, tags: item.tags });
      if (hits.length >= query.topK) break;
    }
    return Promise.resolve(hits);
  }

  remember(item: Parameters<MemoryPort['remember']>[0]): Promise<{ id: string }> {
    const stored: Item = {
      id: item.id,
      text: item.text,
      kind: item.kind,
      entities: [...item.entities],
      tags: [...item.tags],
    };
    if (this.items.has(item.id)) this.index.discard(item.id);
    this.items.set(item.id, stored);
    this.index.add(stored);
    return Promise.resolve({ id: item.id });
  }

  get size(): number {
    return this.items.size;
  }
}
