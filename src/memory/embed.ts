import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';

/** Turns texts into unit-length vectors. One per memory store; the model name keys stored vectors. */
export interface Embedder {
  /** Model id the vectors come from; vectors of another model are re-embedded. */
  readonly model: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Loading progress, as Transformers.js reports it, narrowed to what a progress bar needs. */
export type LoadProgress =
  | { status: 'loading'; file: string; loaded: number; total: number }
  | { status: 'ready'; model: string; ms: number };

interface EmbedderOptions {
  readonly modelId: string;
  /** Folder (path in Node, URL in the browser) holding `<modelId>/…`; the hub is then never used. */
  readonly localModelPath?: string | null;
  /** Rows per model call; larger batches amortise the call, smaller ones keep progress smooth. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: LoadProgress) => void;
}

const HUB = { host: env.remoteHost, template: env.remotePathTemplate };

/**
 * Points Transformers.js at the model's source. A folder URL (the browser) is served like a hub
 * whose files sit at `<folder>/<model>/…`: Transformers.js 4 only probes local paths that are not
 * URLs, so a URL given as `localModelPath` would load without its tokenizer. A filesystem path
 * (Node) is a local folder. Either way the hub is never contacted; `null` means the hub.
 */
function pointAtModelSource(folder: string | null): void {
  const inBrowser = typeof process === 'undefined' && typeof globalThis.location !== 'undefined';
  const url =
    folder === null
      ? null
      : inBrowser
        ? new URL(folder, globalThis.location.href).href
        : /^https?:/.test(folder)
          ? folder
          : null;
  if (url !== null) {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = url.endsWith('/') ? url : `${url}/`;
    env.remotePathTemplate = '{model}/';
  } else if (folder !== null) {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = folder.endsWith('/') ? folder : `${folder}/`;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = HUB.host;
    env.remotePathTemplate = HUB.template;
  }
}

/**
 * Loads a sentence-embedding model with Transformers.js (mean pooling, normalised) and returns an
 * `Embedder`. The same function runs in Node (onnxruntime-node) and in the embedding worker
 * (onnxruntime-web, WASM served by the app).
 * @example
 * const e = await loadEmbedder({ modelId: '_testing/minilm-l6-shape-random', localModelPath: dir });
 * const [v] = await e.embed(['hello']); // Float32Array(384), |v| = 1
 */
export async function loadEmbedder(options: EmbedderOptions): Promise<Embedder> {
  pointAtModelSource(options.localModelPath ?? null);
  const started = performance.now();
  const progress = options.onProgress;
  const extractor: FeatureExtractionPipeline = await pipeline(
    'feature-extraction',
    options.modelId,
    {
      dtype: 'q8',
      ...(progress
        ? {
            progress_callback: (info) => {
              if (info.status === 'progress')
                progress({
                  status: 'loading',
                  file: info.file,
                  loaded: info.loaded,
                  total: info.total,
                });
            },
          }
        : {}),
    },
  );
  progress?.({ status: 'ready', model: options.modelId, ms: performance.now() - started });
  const batchSize = options.batchSize ?? 32;
  return {
    model: options.modelId,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let at = 0; at < texts.length; at += batchSize) {
        const batch = texts.slice(at, at + batchSize);
        const tensor = await extractor([...batch], { pooling: 'mean', normalize: true });
        const [rows, dims] = tensor.dims as [number, number];
        const data = tensor.data as Float32Array;
        for (let r = 0; r < rows; r++) out.push(data.slice(r * dims, (r + 1) * dims));
        tensor.dispose();
      }
      return out;
    },
  };
}
