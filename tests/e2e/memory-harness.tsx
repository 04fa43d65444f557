import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryView } from '../../src/canvas/memory/index.ts';
import { connectEmbedder } from '../../src/memory/embedClient.ts';
import { normalize, quantize } from '../../src/memory/quantize.ts';
import { VectorIndex } from '../../src/memory/vectorIndex.ts';
import { connectEngine } from '../../src/worker/client.ts';

/** Runs a flow in the real engine worker and returns its final status and events. */
async function runFlow(doc: unknown, input: unknown) {
  const engine = connectEngine();
  const started = await engine.api.start(doc, input);
  if (!started.ok) throw new Error(started.error.message);
  const { runId } = started.value;
  for (let i = 0; i < 300; i++) {
    const run = await engine.api.run(runId);
    if (run && !['running', 'waiting', 'pending'].includes(run.status)) {
      return { status: run.status, events: await engine.api.events(runId) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

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
  };
}

/** Median milliseconds of a top-10 vector search over `n` random 384-d int8 vectors, here. */
function vectorLatency(n: number, reps = 25) {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const index = new VectorIndex(384, n);
  for (let i = 0; i < n; i++)
    index.set(`m${i}`, quantize(normalize(Array.from({ length: 384 }, rnd))));
  const times: number[] = [];
  for (let r = 0; r < reps + 3; r++) {
    const q = normalize(Array.from({ length: 384 }, rnd));
    const t0 = performance.now();
    index.search(q, 10);
    if (r >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[times.length >> 1]!, simd: index.accelerated };
}

(window as unknown as Record<string, unknown>)['aiosMemoryHarness'] = {
  runFlow,
  embedThroughput,
  vectorLatency,
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MemoryView />
  </StrictMode>,
);
