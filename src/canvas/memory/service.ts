import type { LlmClient } from '../../engine/index.ts';
import { browserMemory } from '../../memory/browser.ts';
import type { LoadProgress } from '../../memory/embed.ts';
import { connectEmbedder } from '../../memory/embedClient.ts';
import { requestPersistence } from '../../memory/persistence.ts';
import type { CompactionResult, IndexedMemory } from '../../memory/store.ts';
import { MemoryHistory, type MemoryChange } from './history.ts';
import { workerLlm } from './workerLlm.ts';

export type ModelStatus =
  | { state: 'idle' }
  | { state: 'loading'; loaded: number; total: number }
  | { state: 'ready'; model: string; ms: number }
  | { state: 'error'; message: string };

export interface ServiceState {
  readonly model: ModelStatus;
  /** Backlog indexing, while it runs. */
  readonly indexing: { done: number; total: number } | null;
  readonly persistence: string | null;
  /** When the memory was last backed up from here: `null` if never, `undefined` until read. */
  readonly lastBackup?: number | null;
  /** The last storage or model error, for the alert line. */
  readonly error: string | null;
  /** Bumped after every change, so lists reload. */
  readonly version: number;
  /** What Undo and Redo would take back or do again, if anything. */
  readonly undo?: string | undefined;
  readonly redo?: string | undefined;
  /** A long job under way (an import, a backup), for the progress line; `stop` if it can. */
  readonly job: {
    readonly label: string;
    readonly done: number;
    readonly total: number;
    readonly stop?: () => void;
  } | null;
}

/**
 * The Memory view's state outside React: one `IndexedMemory` per tab, the model's load progress,
 * and a version counter that lists subscribe to (`useSyncExternalStore`).
 */
export class MemoryService {
  readonly memory: IndexedMemory;
  private state: ServiceState = {
    model: { state: 'idle' },
    indexing: null,
    persistence: null,
    error: null,
    version: 0,
    job: null,
  };
  readonly history = new MemoryHistory();
  private readonly listeners = new Set<() => void>();
  private readonly files = new Map<string, { loaded: number; total: number }>();

  /** `llm` writes compaction summaries; the engine worker's models by default. */
  constructor(
    memory?: IndexedMemory,
    private readonly llm: LlmClient = workerLlm(),
  ) {
    this.memory =
      memory ??
      browserMemory({
        saveIndexInWorker: true,
        onProgress: (p) => this.progress(p),
        onBlocked: (e) => this.set({ error: e.message }),
      });
    void requestPersistence().then((r) => this.set({ persistence: r.message }));
    this.memory.lastBackup().then(
      (at) => this.set({ lastBackup: at ?? null }),
      () => undefined,
    );
  }

  /** Backs the whole memory up as one file, with progress; `undefined` when it failed. */
  async backup(): Promise<Blob | undefined> {
    const file = await this.act((m) =>
      m.backup((p) => this.progressOf({ label: 'Backing up', ...p })),
    );
    this.progressOf(null);
    if (file) this.set({ lastBackup: await this.memory.lastBackup().catch(() => Date.now()) });
    return file;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = () => this.state;

  changed(): void {
    this.set({ version: this.state.version + 1, error: null });
  }

  /** Runs a user action; a failure becomes the alert line and the view keeps what was typed. */
  async act<T>(work: (memory: IndexedMemory) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work(this.memory);
      this.changed();
      return result;
    } catch (error) {
      this.set({ error: error instanceof Error ? error.message : String(error) });
      return undefined;
    } finally {
      this.syncModel();
    }
  }

  /** Makes a change that Undo can take back; false when it failed (the alert says why). */
  async change(change: MemoryChange): Promise<boolean> {
    const done = await this.act(async (m) => {
      await change.redo(m);
      return true;
    });
    if (done) this.history.record(change);
    this.set(this.historyState());
    return done === true;
  }

  async undo(): Promise<void> {
    await this.act((m) => this.history.undo(m));
    this.set(this.historyState());
  }

  async redo(): Promise<void> {
    await this.act((m) => this.history.redo(m));
    this.set(this.historyState());
  }

  /** Reports a long job's progress; `null` when it ended. */
  progressOf(job: ServiceState['job']): void {
    this.set({ job });
  }

  private historyState() {
    return { undo: this.history.undoLabel, redo: this.history.redoLabel };
  }

  /** Loads the model from the saved settings now (again if one was loaded), then indexes the backlog. */
  async loadModel(): Promise<void> {
    const settings = await this.memory.settings();
    this.files.clear();
    this.set({ model: { state: 'loading', loaded: 0, total: 0 } });
    try {
      const embedder = await connectEmbedder(settings, (p) => this.progress(p));
      this.memory.setEmbedder(embedder);
      this.set({ model: { state: 'ready', model: embedder.model, ms: embedder.loadMs } });
      await this.indexBacklog();
    } catch (error) {
      this.set({
        model: { state: 'error', message: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  /** Compacts old memories; summaries come from the agent set in the settings, else extractive. */
  compact(): Promise<CompactionResult | undefined> {
    return this.act((m) => m.compact({ llm: this.llm }));
  }

  async indexBacklog(): Promise<void> {
    await this.act((m) => m.indexBacklog((p) => this.set({ indexing: p })));
    this.set({ indexing: null });
  }

  private progress(p: LoadProgress): void {
    if (p.status === 'ready') {
      this.set({ model: { state: 'ready', model: p.model, ms: p.ms } });
      return;
    }
    this.files.set(p.file, { loaded: p.loaded, total: p.total });
    let loaded = 0;
    let total = 0;
    for (const f of this.files.values()) {
      loaded += f.loaded;
      total += f.total;
    }
    this.set({ model: { state: 'loading', loaded, total } });
  }

  /** Reflects a model the store loaded lazily (on the first add or search) or failed to. */
  private syncModel(): void {
    const { model } = this.state;
    if (this.memory.model && model.state !== 'ready')
      this.set({ model: { state: 'ready', model: this.memory.model, ms: 0 } });
    else if (!this.memory.model && this.memory.modelError && model.state !== 'error')
      this.set({ model: { state: 'error', message: this.memory.modelError } });
  }

  private set(patch: Partial<ServiceState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

let shared: MemoryService | undefined;

/** The tab's one memory service, created on first use. */
export function memoryService(): MemoryService {
  shared ??= new MemoryService();
  return shared;
}
