import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { loadEmbedder } from '../src/memory/embed.ts';
import { quantize } from '../src/memory/quantize.ts';
import { SearchIndex } from '../src/memory/searchIndex.ts';
import { VectorIndex } from '../src/memory/vectorIndex.ts';
import { isolation } from '../vite.config.ts';
import { median, round, time, type Report } from './measure.ts';
import { DIMS, VOCABULARY, item, random, vector, word } from './memoryData.ts';

const MODELS = path.resolve(import.meta.dirname, '../../shared/models');
const TWIN = '_testing/minilm-l6-shape-random';
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

const ROOT = path.resolve(import.meta.dirname, '..');
const PAGE_OUT = '.bench-out/memory-page';

interface Throughput {
  loadMs: number;
  ms: number;
  count: number;
  dims: number;
  progressEvents: number;
  threads: number;
}
interface BenchPage {
  embedThroughput(m: string, f: string, s: string[]): Promise<Throughput>;
  vectorLatency(n: number): { medianMs: number; simd: boolean };
  openMemory(n: number): Promise<{ firstMs: number; reopenMs: number }>;
}

/**
 * Figures in headless Chromium, on the bench's own page (bench/memory-page.html, built here into
 * .bench-out/, never into the app): the embedding worker (onnxruntime-web, WASM served by the
 * page, one thread), vector search on the main thread, and opening a memory of 100,000 items in
 * real IndexedDB.
 */
async function browserFigures(report: Report): Promise<void> {
  report.progress('memory: building the bench page');
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      outDir: PAGE_OUT,
      emptyOutDir: true,
      rolldownOptions: { input: { page: 'bench/memory-page.html' } },
    },
  });
  const server = await preview({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: PAGE_OUT },
    preview: {
      host: '127.0.0.1',
      port: 4190,
      strictPort: false,
      open: false,
      // As the app is served: isolated, so ONNX Runtime may use threads.
      headers: isolation,
    },
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
    const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/';
    await page.goto(new URL('bench/memory-page.html', base).href);
    const bench = 'window.aiosMemoryBench';
    await page.waitForFunction(bench);
    const call = <T>(fn: keyof BenchPage, ...args: unknown[]) =>
      page.evaluate(
        ([name, list]) =>
          (
            (window as unknown as Record<string, unknown>)['aiosMemoryBench'] as Record<
              string,
              (...a: unknown[]) => unknown
            >
          )[name]!(...list),
        [fn, args] as const,
      ) as Promise<T>;

    const result = await call<Throughput>(
      'embedThroughput',
      TWIN,
      new URL('/test-models/', base).href,
      SENTENCES,
    );
    if (result.count !== 200 || result.dims !== DIMS)
      throw new Error(`browser embedded ${result.count}×${result.dims}`);
    report.figure({
      name: 'embedding throughput browser worker (twin MiniLM-L6 q8, batch 32)',
      sentences_per_s: round(200 / (result.ms / 1000)),
      load_ms: round(result.loadMs),
      progress_events: result.progressEvents,
      threads: result.threads,
      note: 'onnxruntime-web WASM served by the page (cross-origin isolated), Vite build, 200 sentences of ~11 words',
    });
    for (const n of [10_000, 100_000]) {
      const latency = await call<{ medianMs: number; simd: boolean }>('vectorLatency', n);
      report.figure({
        name: `recall top-10 vectors only @${n} memories browser`,
        median_ms: round(latency.medianMs),
        simd: latency.simd,
        note: 'headless Chromium main thread; performance.now() is coarsened to 0.1 ms',
      });
    }
    report.progress('memory: opening a memory of 100000 items in the browser');
    const opened = await call<{ firstMs: number; reopenMs: number }>('openMemory', 100_000);
    report.figure({
      name: 'open memory with 100000 items (index ready)',
      first_open_ms: round(opened.firstMs),
      reopen_ms: round(opened.reopenMs),
      note: 'real IndexedDB in headless Chromium, no model: reading the rows and making the search index; reopen = a later tab or the engine worker',
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
