/// <reference lib="webworker" />
import { env } from '@huggingface/transformers';
import * as Comlink from 'comlink';
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import mjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { loadEmbedder, type Embedder } from './embed.ts';
import type { EmbedResult, EmbedWorkerApi } from './embedProtocol.ts';
import { onnxThreads } from './threads.ts';

// ONNX Runtime's WASM comes from the app itself, never a CDN. Assigned before the first pipeline.
const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
if (onnx.wasm) {
  onnx.wasm.wasmPaths = { wasm, mjs };
  onnx.wasm.numThreads = onnxThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
}

let embedder: Promise<Embedder> | null = null;

async function attempt<T>(code: string, work: () => Promise<T>): Promise<EmbedResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return {
      ok: false,
      error: { code, message: error instanceof Error ? error.message : String(error) },
    };
  }
}

const api: EmbedWorkerApi = {
  load: (options, onProgress) =>
    attempt('model-unavailable', async () => {
      let ms = 0;
      embedder = loadEmbedder({
        modelId: options.modelId,
        localModelPath: options.localModelUrl,
        batchSize: options.batchSize ?? 32,
        onProgress: (p) => {
          if (p.status === 'ready') ms = p.ms;
          onProgress(p);
        },
      });
      embedder.catch(() => (embedder = null));
      const loaded = await embedder;
      return { model: loaded.model, ms };
    }),
  embed: (texts) =>
    attempt('embed-failed', async () => {
      if (!embedder) throw new Error('no model loaded');
      const vectors = await (await embedder).embed(texts);
      return Comlink.transfer(
        vectors,
        vectors.map((v) => v.buffer as ArrayBuffer),
      );
    }),
};

Comlink.expose(api);
