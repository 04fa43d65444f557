import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { loadEmbedder } from '../src/memory/embed.ts';
import { normalize, quantize } from '../src/memory/quantize.ts';
import type { MemoryItem } from '../src/memory/schema.ts';
import { SearchIndex } from '../src/memory/searchIndex.ts';
import { VectorIndex } from '../src/memory/vectorIndex.ts';
import { median, round, time, type Report } from './measure.ts';

const DIMS = 384;
const MODELS = path.resolve(import.meta.dirname, '../../shared/models');
const TWIN = '_testing/minilm-l6-shape-random';
// A Zipf-distributed vocabulary of 5000 words, as prose has: a few words are everywhere, most rare.
const VOCABULARY = 5000;
const word = (rank: number) => `w${rank.toString(36)}x`;
const zipfTotal = Array.from({ length: VOCABULARY }, (_, r) => 1 / (r + 1)).reduce((a, b) => a + b);
function zipf(rnd: () => number): number {
  let u = rnd() * zipfTotal;
  for (let r = 0; r < VOCABULARY; r++) if ((u -= 1 / (r + 1)) <= 0) return r;
  return VOCABULARY - 1;
}

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

/** Four words: one common (in ~1 of 3 memories), three of middling frequency. */
const QUERY = [word(2), word(40), word(300), word(1200)].join(' ');

async function recallFigures(report: Report, n: number): Promise<void> {
  report.progress(`memory: building ${n} memories with constructed vectors`);
  const rnd = random(n);
  const items = Array.from({ length: n }, (_, i) => item(i, rnd));
  const vectors = items.map(() => quantize(vector(rnd)));
  const heapBefore = process.memoryUsage().heapUsed;
  const vectorsOnly = new VectorIndex(DIMS, n);
  const hybrid = new SearchIndex();
  // What loading the memory costs once its rows are read: the keyword index dominates.
  const built = performance.now();
  items.forEach((m, i) => {
    hybrid.upsert(m);
    hybrid.setVector(m.id, vectors[i]!);
  });
  const buildMs = performance.now() - built;
  const heapPerItem = (process.memoryUsage().heapUsed - heapBefore) / n;
  items.forEach((m, i) => vectorsOnly.set(m.id, vectors[i]!));
  const queries = Array.from({ length: 8 }, () => vector(rnd));
  let at = 0;
  const next = () => queries[at++ % queries.length]!;
  const reps = n >= 100_000 ? 25 : 60;
  const vec = await time(
    { name: 'vector', run: () => void vectorsOnly.search(next(), 10) },
    { warmup: 5, reps },
    report,
  );
  report.figure({
    name: `recall top-10 vectors only @${n} memories`,
    median_ms: round(median(vec)),
    simd: vectorsOnly.accelerated,
  });
  const both = await time(
    { name: 'hybrid', run: () => void hybrid.search({ text: QUERY, topK: 10 }, next()) },
    { warmup: 5, reps },
    report,
  );
  report.figure({
    name: `recall top-10 hybrid @${n} memories`,
    median_ms: round(median(both)),
    note: `int8 vectors + MiniSearch words, fused, snippets; query "${QUERY}" over 20-word texts from a Zipf vocabulary of ${VOCABULARY}`,
  });
  const filtered = await time(
    {
      name: 'filtered',
      run: () =>
        void hybrid.search(
          { text: QUERY, topK: 10, entities: ['ent-5'], kinds: ['decision'] },
          next(),
        ),
    },
    { warmup: 5, reps },
    report,
  );
  report.figure({
    name: `recall top-10 hybrid filtered by entity+kind @${n} memories`,
    median_ms: round(median(filtered)),
  });
  report.figure({
    name: `build search index @${n} memories`,
    ms: round(buildMs),
    note: 'keyword + vector index from rows already read, as on first use of memory in a tab or worker',
  });
  report.figure({
    name: `index memory per item @${n}`,
    vector_bytes: vectorsOnly.bytesPerVector,
    heap_bytes_approx: Math.round(heapPerItem),
    note: 'vector_bytes: int8 row + float32 scale in WebAssembly memory; heap: keyword index, word counts, ids, vectors (GC-dependent; rows themselves excluded)',
  });
}

const TOPICS = ['brand colours', 'the invoice', 'the launch date', 'onboarding', 'the renewal'];
const PEOPLE = ['Ana', 'the client', 'Marc', 'their CFO', 'the design lead'];
/** 200 short memories of 9–12 words, like the ones people write. */
const SENTENCES = Array.from(
  { length: 200 },
  (_, i) => `${PEOPLE[i % 5]} asked about ${TOPICS[(i >> 2) % 5]} in meeting ${i} last week.`,
);

async function embeddingFigures(report: Report): Promise<void> {
  report.progress('memory: embedding throughput in Node with the twin model');
  const started = performance.now();
  const embedder = await loadEmbedder({ modelId: TWIN, localModelPath: MODELS, batchSize: 32 });
  const loadMs = performance.now() - started;
  const sentences = SENTENCES;
  await embedder.embed(sentences.slice(0, 32));
  const times = await time(
    { name: 'embed 200', run: () => embedder.embed(sentences).then(() => undefined) },
    { warmup: 0, reps: 3 },
    report,
  );
  report.figure({
    name: 'embedding throughput node (twin MiniLM-L6 q8, batch 32)',
    sentences_per_s: round(200 / (median(times) / 1000)),
    load_ms: round(loadMs),
    note: 'onnxruntime-node, 200 sentences of ~11 words; the twin costs what the real model does',
  });
}

const HARNESS = 'tests/e2e/memory-harness.html';
const ROOT = path.resolve(import.meta.dirname, '..');

interface Throughput {
  loadMs: number;
  ms: number;
  count: number;
  dims: number;
  progressEvents: number;
}

/**
 * The same throughput in headless Chromium: the built app's embedding worker (onnxruntime-web,
 * WASM served by the app, one thread). Needs `npm run build` first; skipped without a build.
 */
async function browserFigures(report: Report): Promise<void> {
  const name = 'embedding throughput browser worker (twin MiniLM-L6 q8, batch 32)';
  if (!fs.existsSync(path.join(ROOT, 'dist', HARNESS))) {
    report.figure({
      name,
      skipped: true,
      note: 'no build with the memory test page: run npm run build first',
    });
    return;
  }
  report.progress('memory: embedding throughput in the browser worker (headless Chromium)');
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { port: 4190, strictPort: false, open: false },
  });
  const browser = await chromium.launch({
    ...(fs.existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/test-models/**', (route) => {
      const rel = decodeURIComponent(
        new URL(route.request().url()).pathname.replace(/^\/test-models\//, ''),
      );
      const file = path.join(MODELS, rel);
      return file.startsWith(MODELS) && fs.existsSync(file)
        ? route.fulfill({ path: file })
        : route.fulfill({ status: 404 });
    });
    const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4190/';
    await page.goto(new URL(HARNESS, base).href);
    const sentences = SENTENCES;
    const result = await page.evaluate(
      ([model, folder, texts]) =>
        (
          window as unknown as {
            aiosMemoryHarness: {
              embedThroughput(m: string, f: string, s: string[]): Promise<Throughput>;
            };
          }
        ).aiosMemoryHarness.embedThroughput(model, folder, texts),
      [TWIN, new URL('/test-models/', base).href, sentences] as const,
    );
    for (const n of [10_000, 100_000]) {
      const latency = await page.evaluate(
        (count) =>
          (
            window as unknown as {
              aiosMemoryHarness: { vectorLatency(n: number): { medianMs: number; simd: boolean } };
            }
          ).aiosMemoryHarness.vectorLatency(count),
        n,
      );
      report.figure({
        name: `recall top-10 vectors only @${n} memories browser`,
        median_ms: round(latency.medianMs),
        simd: latency.simd,
        note: 'headless Chromium main thread; performance.now() is coarsened to 0.1 ms',
      });
    }
    if (result.count !== 200 || result.dims !== DIMS)
      throw new Error(`browser embedded ${result.count}×${result.dims}`);
    report.figure({
      name,
      sentences_per_s: round(200 / (result.ms / 1000)),
      load_ms: round(result.loadMs),
      progress_events: result.progressEvents,
      note: 'onnxruntime-web WASM served by the app, 1 thread, Vite build, 200 sentences of ~11 words',
    });
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** Memory's figures: recall latency at 10k and 100k memories, embedding throughput, bytes per item. */
export async function memoryBench(report: Report): Promise<void> {
  await recallFigures(report, 10_000);
  await recallFigures(report, 100_000);
  await embeddingFigures(report);
  await browserFigures(report);
}
