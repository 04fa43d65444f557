import * as Comlink from 'comlink';
import type { Embedder, LoadProgress } from './embed.ts';
import type { EmbedLoadOptions, EmbedWorkerApi } from './embedProtocol.ts';
import { MemoryError } from './errors.ts';

interface WorkerEmbedder extends Embedder {
  /** Milliseconds the model took to load. */
  readonly loadMs: number;
  dispose(): void;
}

/**
 * Starts the embedding worker, loads the model there and returns an `Embedder` whose work all
 * happens off this thread. The only module besides the worker that imports Comlink here.
 * @example
 * const embedder = await connectEmbedder({ modelId: 'Xenova/all-MiniLM-L6-v2', localModelUrl: null }, showProgress);
 */
export async function connectEmbedder(
  options: EmbedLoadOptions,
  onProgress: (progress: LoadProgress) => void = () => undefined,
): Promise<WorkerEmbedder> {
  const worker = new Worker(new URL('./embed.worker.ts', import.meta.url), {
    type: 'module',
    name: 'aios-embed',
  });
  const api = Comlink.wrap<EmbedWorkerApi>(worker);
  const dispose = () => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  };
  const loaded = await api.load(options, Comlink.proxy(onProgress));
  if (!loaded.ok) {
    dispose();
    throw new MemoryError(
      'model-unavailable',
      `load the embedding model ${options.modelId} (${loaded.error.message})`,
    );
  }
  return {
    model: loaded.value.model,
    loadMs: loaded.value.ms,
    async embed(texts) {
      const result = await api.embed([...texts]);
      if (!result.ok)
        throw new MemoryError(
          'model-unavailable',
          `embed ${texts.length} texts (${result.error.message})`,
        );
      return result.value;
    },
    dispose,
  };
}
