import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder, type LoadProgress } from '../../src/memory/embed.ts';
import { IndexedMemory } from '../../src/memory/store.ts';

// The random-weight twin of all-MiniLM-L6-v2: real tokenizer, real shape, meaningless vectors.
// These tests prove loading, batching and indexing; they never assert similarity.
const MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
const TWIN = '_testing/minilm-l6-shape-random';

const norm = (v: Float32Array) => Math.hypot(...v);

describe('embeddings in Node with the twin model (onnxruntime-node, offline)', () => {
  let embedder: Embedder;
  const progress: LoadProgress[] = [];

  beforeAll(async () => {
    embedder = await loadEmbedder({
      modelId: TWIN,
      localModelPath: MODELS,
      batchSize: 8,
      onProgress: (p) => progress.push(p),
    });
  }, 60_000);

  it('loads from the local folder and reports when it is ready', () => {
    expect(embedder.model).toBe(TWIN);
    const ready = progress.at(-1);
    expect(ready).toMatchObject({ status: 'ready', model: TWIN });
    expect(ready?.status === 'ready' && ready.ms).toBeGreaterThan(0);
  });

  it('embeds in batches: one unit-length 384-d vector per text, in order, independent of batching', async () => {
    const texts = Array.from(
      { length: 21 },
      (_, i) => `Memory number ${i}: ${'word '.repeat(i % 7)}end.`,
    );
    const all = await embedder.embed(texts);
    expect(all).toHaveLength(21);
    for (const v of all) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(384);
      expect(norm(v)).toBeCloseTo(1, 4);
    }
    // The same text alone and inside a padded batch gives the same vector (mask-aware pooling;
    // dynamic uint8 quantisation of activations depends on the batch, hence 2 decimals).
    const [alone] = await embedder.embed([texts[20]!]);
    for (let i = 0; i < 384; i++) expect(alone![i]).toBeCloseTo(all[20]![i]!, 2);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('never reaches for the hub: a model missing locally fails fast', async () => {
    await expect(
      loadEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', localModelPath: MODELS }),
    ).rejects.toThrow();
    // The twin still loads afterwards (the failure left the environment usable).
    await expect(loadEmbedder({ modelId: TWIN, localModelPath: MODELS })).resolves.toMatchObject({
      model: TWIN,
    });
  }, 60_000);

  it('indexes a backlog into int8 vectors with progress, then searches with the model', async () => {
    const memory = new IndexedMemory({
      name: `aios-memory-embed-${crypto.randomUUID()}`,
      deps: { indexedDB, IDBKeyRange },
    });
    for (let i = 0; i < 10; i++)
      await memory.add({ text: `Fact ${i} about Acme`, kind: 'fact', source: { type: 'user' } });
    expect(await memory.backlog()).toBe(10);
    memory.setEmbedder(embedder);
    const seen: number[] = [];
    await memory.indexBacklog((p) => seen.push(p.done), 4);
    expect(seen).toEqual([0, 4, 8, 10]);
    expect(await memory.backlog()).toBe(0);
    const stored = await memory.db.vectors.toArray();
    expect(stored).toHaveLength(10);
    expect(
      stored.every((v) => v.data instanceof Int8Array && v.data.length === 384 && v.model === TWIN),
    ).toBe(true);
    const hits = await memory.search({ text: 'Fact 3', topK: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.meaning !== null)).toBe(true);
    memory.close();
  }, 60_000);
});
