import path from 'node:path';
import { loadEmbedder } from '../src/memory/embed.ts';
import { normalize, quantize } from '../src/memory/quantize.ts';
import type { MemoryItem } from '../src/memory/schema.ts';
import { SearchIndex } from '../src/memory/searchIndex.ts';
import { VectorIndex } from '../src/memory/vectorIndex.ts';
import { median, round, time, type Report } from './measure.ts';

const DIMS = 384;
const MODELS = path.resolve(import.meta.dirname, '../../shared/models');
const TWIN = '_testing/minilm-l6-shape-random';
const WORDS =
  'acme globex client invoice launch brand navy teal budget deadline report draft review logo website copy campaign meeting contract renewal pricing churn onboarding feedback roadmap hiring design launch'.split(
    ' ',
  );

function random(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
}

function vector(rnd: () => number): Float32Array {
  return normalize(Array.from({ length: DIMS }, () => rnd() - 0.5));
}

function item(i: number, rnd: () => number): MemoryItem {
  const text = Array.from({ length: 12 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
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

async function recallFigures(report: Report, n: number): Promise<void> {
  report.progress(`memory: building ${n} memories with constructed vectors`);
  const rnd = random(n);
  const heapBefore = process.memoryUsage().heapUsed;
  const vectorsOnly = new VectorIndex(DIMS, n);
  const hybrid = new SearchIndex();
  const built = performance.now();
  for (let i = 0; i < n; i++) {
    const m = item(i, rnd);
    const q = quantize(vector(rnd));
    hybrid.upsert(m);
    hybrid.setVector(m.id, q);
    vectorsOnly.set(m.id, q);
  }
  const buildMs = performance.now() - built;
  const heapPerItem = (process.memoryUsage().heapUsed - heapBefore) / n;
  const queries = Array.from({ length: 8 }, () => vector(rnd));
  let at = 0;
  const next = () => queries[at++ % queries.length]!;
  const reps = n >= 100_000 ? 25 : 60;
  const vec = await time({ name: 'vector', run: () => void vectorsOnly.search(next(), 10) }, { warmup: 5, reps }, report);
  report.figure({ name: `recall top-10 vectors only @${n} memories`, median_ms: round(median(vec)), simd: vectorsOnly.accelerated });
  const both = await time(
    { name: 'hybrid', run: () => void hybrid.search({ text: 'launch budget for acme', topK: 10 }, next()) },
    { warmup: 5, reps },
    report,
  );
  report.figure({ name: `recall top-10 hybrid @${n} memories`, median_ms: round(median(both)), note: 'int8 vectors + MiniSearch words, fused, snippets' });
  const filtered = await time(
    { name: 'filtered', run: () => void hybrid.search({ text: 'invoice', topK: 10, entities: ['ent-7'], kinds: ['decision'] }, next()) },
    { warmup: 5, reps },
    report,
  );
  report.figure({ name: `recall top-10 hybrid filtered by entity+kind @${n} memories`, median_ms: round(median(filtered)) });
  report.figure({ name: `build search index @${n} memories`, ms: round(buildMs) });
  report.figure({
    name: `index memory per item @${n}`,
    vector_bytes: vectorsOnly.bytesPerVector,
    heap_bytes_approx: Math.round(heapPerItem),
    note: 'vector_bytes: int8 row + float32 scale in WebAssembly memory; heap: item, keyword index, ids (GC-dependent)',
  });
}

async function embeddingFigures(report: Report): Promise<void> {
  report.progress('memory: embedding throughput in Node with the twin model');
  const started = performance.now();
  const embedder = await loadEmbedder({ modelId: TWIN, localModelPath: MODELS, batchSize: 32 });
  const loadMs = performance.now() - started;
  const rnd = random(42);
  const sentences = Array.from({ length: 200 }, (_, i) => item(i, rnd).text);
  await embedder.embed(sentences.slice(0, 32));
  const times = await time({ name: 'embed 200', run: () => embedder.embed(sentences).then(() => undefined) }, { warmup: 0, reps: 3 }, report);
  report.figure({
    name: 'embedding throughput node (twin MiniLM-L6 q8, batch 32)',
    sentences_per_s: round(200 / (median(times) / 1000)),
    load_ms: round(loadMs),
    note: 'onnxruntime-node; the twin costs exactly what the real model does',
  });
}

/** Memory's figures: recall latency at 10k and 100k memories, embedding throughput, bytes per item. */
export async function memoryBench(report: Report): Promise<void> {
  await recallFigures(report, 10_000);
  await recallFigures(report, 100_000);
  await embeddingFigures(report);
}
