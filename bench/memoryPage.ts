import { connectEmbedder } from '../src/memory/embedClient.ts';
import { normalize, quantize } from '../src/memory/quantize.ts';
import { IndexedMemory } from '../src/memory/store.ts';
import { onnxThreads } from '../src/memory/threads.ts';
import { VectorIndex } from '../src/memory/vectorIndex.ts';
import { item, random } from './memoryData.ts';

/** Loads `modelId` from `folder` in the embedding worker and times embedding `sentences`. */
async function embedThroughput(modelId: string, folder: string, sentences: string[]) {
  const started = performance.now();
  const progress: number[] = [];
  const embedder = await connectEmbedder({ modelId, localModelUrl: folder, batchSize: 32 }, (p) => {
    if (p.status === 'loading') progress.push(p.loaded);
  });
  const loadMs = performance.now() - started;
  await embedder.embed(sentences.slice(0, 32));
  const t0 = performance.now();
  const vectors = await embedder.embed(sentences);
  const ms = performance.now() - t0;
  embedder.dispose();
  return {
    loadMs,
    ms,
    count: vectors.length,
    dims: vectors[0]?.length ?? 0,
    progressEvents: progress.length,
    threads: onnxThreads(self.crossOriginIsolated, navigator.hardwareConcurrency),
  };
}

/** Median milliseconds of a top-10 vector search over `n` random 384-d int8 vectors, here. */
function vectorLatency(n: number, reps = 25) {
  const rnd = random(7);
  const index = new VectorIndex(384, n);
  for (let i = 0; i < n; i++)
    index.set(`m${i}`, quantize(normalize(Array.from({ length: 384 }, () => rnd() - 0.5))));
  const times: number[] = [];
  for (let r = 0; r < reps + 3; r++) {
    const q = normalize(Array.from({ length: 384 }, () => rnd() - 0.5));
    const t0 = performance.now();
    index.search(q, 10);
    if (r >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[times.length >> 1]!, simd: index.accelerated };
}

/**
 * Milliseconds from opening the memory (as a tab or the engine worker does) to its search index
 * being ready, over `n` memories in this browser's IndexedDB: the first open ever, then reopens.
 */
async function openMemory(n: number, reopens = 3) {
  const name = `aios-memory-bench-${n}`;
  const filler = new IndexedMemory({ name });
  await filler.wipe();
  await filler.db.snapshots.clear();
  const rnd = random(n);
  for (let at = 0; at < n; at += 5000)
    await filler.db.memories.bulkPut(
      Array.from({ length: Math.min(5000, n - at) }, (_, i) => item(at + i, rnd)),
    );
  filler.close();
  const t0 = performance.now();
  const first = new IndexedMemory({ name });
  await first.ready();
  const firstMs = performance.now() - t0;
  // The first open saves its index by itself once it has answered; done before reopening.
  await first.saveIndex();
  first.close();
  const times: number[] = [];
  for (let r = 0; r < reopens; r++) {
    const t = performance.now();
    const again = new IndexedMemory({ name });
    await again.ready();
    times.push(performance.now() - t);
    again.close();
  }
  times.sort((a, b) => a - b);
  return { firstMs, reopenMs: times[times.length >> 1]! };
}

(window as unknown as Record<string, unknown>)['aiosMemoryBench'] = {
  embedThroughput,
  vectorLatency,
  openMemory,
};
