import type { LoadProgress } from './embed.ts';

/** Errors cross the worker boundary as data: error classes do not survive `postMessage`. */
export type EmbedResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface EmbedLoadOptions {
  readonly modelId: string;
  /** Folder URL holding `<modelId>/…`; null loads from the Hugging Face hub. */
  readonly localModelUrl: string | null;
  readonly batchSize?: number;
}

/** What the embedding worker (`embed.worker.ts`) serves through Comlink. */
export interface EmbedWorkerApi {
  load(
    options: EmbedLoadOptions,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<EmbedResult<{ model: string; ms: number }>>;
  embed(texts: readonly string[]): Promise<EmbedResult<Float32Array[]>>;
}
