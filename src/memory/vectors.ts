import type { MemoryCore } from './core.ts';
import { MemoryError } from './errors.ts';
import { quantize } from './quantize.ts';
import type { MemoryItem } from './schema.ts';

export type IndexProgress = { readonly done: number; readonly total: number };

// Embeddings: each memory's vector, stored int8 and kept in the search index.

/** Embeds `items` with the model, if one is at hand, and stores their vectors. */
async function embedItems(core: MemoryCore, items: readonly MemoryItem[]): Promise<void> {
  if (items.length === 0) return;
  const embedder = await core.embedder();
  if (!embedder) return;
  const vectors = await embedder.embed(items.map((m) => m.text));
  const rows = items.map((m, i) => ({ id: m.id, model: embedder.model, ...quantize(vectors[i]!) }));
  await core.write(`save ${rows.length} vectors`, [core.db.vectors], () =>
    core.db.vectors.bulkPut(rows),
  );
  for (const row of rows) if (core.index.has(row.id)) core.index.setVector(row.id, row);
}

/** Like `embedItems`, but a model failure leaves the items in the backlog instead of throwing. */
export function embedOrDefer(core: MemoryCore, items: readonly MemoryItem[]): Promise<void> {
  return embedItems(core, items).catch((error: unknown) => {
    core.model.noteError(error);
    if (typeof console !== 'undefined')
      console.warn(`memory: embedding failed: ${core.model.error}`);
  });
}

/** The query's vector, or null (no model, nothing embedded yet, or the model failed). */
export async function queryVector(core: MemoryCore, text: string): Promise<Float32Array | null> {
  const embedder = await core.embedder();
  if (!embedder || core.index.vectorCount === 0) return null;
  try {
    return (await embedder.embed([text]))[0] ?? null;
  } catch (error) {
    core.model.noteError(error);
    return null;
  }
}

/** Memories without a vector from the current model. */
export async function backlog(core: MemoryCore): Promise<number> {
  await core.ready();
  return core.index.size - core.index.vectorCount;
}

/** Embeds every memory that has no vector yet, in batches, reporting progress. */
export async function indexBacklog(
  core: MemoryCore,
  onProgress?: (p: IndexProgress) => void,
  batch = 32,
): Promise<number> {
  await core.ready();
  const embedder = await core.embedder();
  if (!embedder)
    throw new MemoryError(
      'model-unavailable',
      `index memories (${core.model.error ?? 'no model'})`,
    );
  const todo = (await core.db.memories.toArray()).filter((m) => !core.index.hasVector(m.id));
  onProgress?.({ done: 0, total: todo.length });
  for (let at = 0; at < todo.length; at += batch) {
    await embedItems(core, todo.slice(at, at + batch));
    onProgress?.({ done: Math.min(todo.length, at + batch), total: todo.length });
  }
  return todo.length;
}
