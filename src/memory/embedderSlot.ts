import type { Embedder } from './embed.ts';

/** After a model fails to load, how long recall uses words only before trying again. */
const RETRY_MODEL_MS = 60_000;

/** The embedder, or a function loading it on first need (it may fail: recall then uses words). */
export type EmbedderSource = Embedder | (() => Promise<Embedder>);

/**
 * The model a memory embeds with: given outright, or loaded lazily once, with a pause after a
 * failed load so a missing model does not slow every recall down.
 * @example
 * const slot = new EmbedderSlot(() => connectEmbedder(settings), Date.now, () => reload());
 * const embedder = await slot.get(); // null while no model is available
 */
export class EmbedderSlot {
  private embedder: Embedder | null = null;
  private loading: Promise<Embedder | null> | null = null;
  private failedAt = -Infinity;
  /** Why the model is unavailable, when it is. */
  error: string | null = null;

  constructor(
    private readonly source: EmbedderSource | undefined,
    private readonly now: () => number,
    /** Told when the model changed: vectors of the old one no longer count. */
    private readonly onModelChange: () => void,
  ) {
    if (source && typeof source !== 'function') this.embedder = source;
  }

  get current(): Embedder | null {
    return this.embedder;
  }

  /** Whether the model is loaded on demand (and so follows the saved settings). */
  get lazy(): boolean {
    return typeof this.source === 'function';
  }

  /** Uses `embedder` from now on; vectors of another model become backlog. */
  set(embedder: Embedder | null): void {
    const changed = embedder?.model !== this.embedder?.model;
    this.embedder = embedder;
    this.error = null;
    if (changed) this.onModelChange();
  }

  /**
   * The model, loading it if it is lazy and not in its pause after a failure. `loaded` says this
   * call (or one it joined) just loaded it, so its vectors must be read.
   */
  async get(): Promise<{ embedder: Embedder | null; loaded: boolean }> {
    if (this.embedder) return { embedder: this.embedder, loaded: false };
    const load = this.source;
    if (typeof load !== 'function' || this.now() - this.failedAt < RETRY_MODEL_MS)
      return { embedder: null, loaded: false };
    this.loading ??= load().then(
      (embedder) => {
        this.loading = null;
        this.set(embedder);
        return embedder;
      },
      (error: unknown) => {
        this.failedAt = this.now();
        this.error = error instanceof Error ? error.message : String(error);
        this.loading = null;
        return null;
      },
    );
    const embedder = await this.loading;
    return { embedder, loaded: embedder !== null };
  }

  /**
   * Another instance saved model settings: a lazily loaded model of another id is dropped and a
   * failed one retried at once, so the engine worker follows what the Memory view set.
   */
  follow(modelId: string): void {
    this.failedAt = -Infinity;
    if (this.embedder && this.embedder.model !== modelId) {
      (this.embedder as { dispose?: () => void }).dispose?.();
      this.embedder = null;
      this.loading = null;
      this.error = null;
    }
  }

  noteError(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
  }
}
