import type { EntityTable } from 'dexie';
import { openMemoryDb, type IndexedDbDeps, type MemoryDb } from './db.ts';
import type { Embedder } from './embed.ts';
import { EmbedderSlot, type EmbedderSource } from './embedderSlot.ts';
import { MemoryError, storageError } from './errors.ts';
import { defaultSettings, memorySettingsSchema, type MemorySettings } from './schema.ts';
import { SearchIndex } from './searchIndex.ts';
import { parse } from './validate.ts';

export interface IndexedMemoryOptions {
  readonly name?: string;
  readonly deps?: IndexedDbDeps;
  /** The embedder, or a function loading it on first need (it may fail: recall then uses words). */
  readonly embedder?: EmbedderSource;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Told when another tab's older connection blocks the schema upgrade (the open then waits). */
  readonly onBlocked?: (error: MemoryError) => void;
  /**
   * Who saves the search index after a large indexing: by default this instance, on its own
   * thread. A page hands it to a worker (`saveIndexInWorker`): serialising the index of 100,000
   * memories holds a thread for most of a second. `null`: only when `saveIndex` is called.
   */
  readonly indexSaver?: (() => Promise<void>) | null;
}

const GENERATION = 'generation';
const SETTINGS = 'settings';
const LAST_BACKUP = 'lastBackup';
const KEYWORDS = 'keyword';
/** Memories indexed anew (at least this many, or a twentieth) before the index is saved again. */
const SAVE_AFTER = 1000;
/** Rows read per request when loading: each page is deserialised in its own task. */
const PAGE = 5_000;

/**
 * What every part of the memory shares: the database, the in-memory search index kept in step
 * with it, the model, and the one way to write (a transaction that bumps the generation counter,
 * so other instances on the same database know to reload).
 */
export class MemoryCore {
  readonly db: MemoryDb;
  readonly index = new SearchIndex();
  readonly now: () => number;
  readonly newId: () => string;
  readonly model: EmbedderSlot;
  private loaded: Promise<void> | null = null;
  /** The last load begun: a new one waits for it, so two never index at once. */
  private loading: Promise<void> = Promise.resolve();
  private seen = -1;
  private restored = false;
  private saving: Promise<void> | null = null;
  private readonly indexSaver: (() => Promise<void>) | null;

  constructor(options: IndexedMemoryOptions) {
    this.db = openMemoryDb(options.name, options.deps ?? {});
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.model = new EmbedderSlot(options.embedder, this.now, () => this.invalidate());
    this.indexSaver =
      options.indexSaver === undefined ? () => this.saveIndex() : options.indexSaver;
    this.db.on('blocked', () => {
      options.onBlocked?.(new MemoryError('upgrade-blocked', 'open the memory database'));
    });
    this.db.on('versionchange', () => {
      // Let another tab upgrade or delete the database instead of blocking it.
      this.db.close({ disableAutoOpen: true });
    });
  }

  /** The search index no longer matches the database: reload it before the next use. */
  invalidate(): void {
    this.loaded = null;
  }

  /** Loads the search index, again whenever another instance wrote to the database. */
  async ready(): Promise<void> {
    const generation = await this.guard(
      'load',
      'memory',
      async () => (await this.db.meta.get(GENERATION))?.value,
    );
    if (typeof generation === 'number' && generation !== this.seen) {
      this.loaded = null;
      await this.followSettings();
    }
    if (!this.loaded) {
      const after = this.loading.catch(() => undefined);
      this.loaded = this.loading = after.then(() => this.load());
    }
    return this.loaded;
  }

  /** The model, loaded on first need; once a lazy load succeeds its vectors are read. */
  async embedder(): Promise<Embedder | null> {
    const { embedder, loaded } = await this.model.get();
    if (loaded) await this.ready();
    return embedder;
  }

  async settings(): Promise<MemorySettings> {
    const row = await this.guard('load', 'memory settings', () => this.db.meta.get(SETTINGS));
    return readSettings(row?.value);
  }

  /** When the memory was last backed up from this browser, in ms since the epoch, if ever. */
  async lastBackup(): Promise<number | undefined> {
    const row = await this.guard('load', 'the last backup time', () =>
      this.db.meta.get(LAST_BACKUP),
    );
    return typeof row?.value === 'number' ? row.value : undefined;
  }

  /** Notes a finished backup, so the Memory view can say how old the last one is. */
  async noteBackup(at: number): Promise<void> {
    await this.guard('save', 'the last backup time', () =>
      this.db.meta.put({ key: LAST_BACKUP, value: at }),
    );
  }

  /** Saves `changes` over the saved settings (the model panel and the summary agent each own theirs). */
  async saveSettings(changes: Partial<MemorySettings>): Promise<void> {
    await this.write('save memory settings', [this.db.meta], async () => {
      const saved = readSettings((await this.db.meta.get(SETTINGS))?.value);
      const value = parse(memorySettingsSchema, { ...saved, ...changes }, 'memory settings');
      await this.db.meta.put({ key: SETTINGS, value });
    });
  }

  /** Runs `work` in one transaction that also bumps the generation, so other instances reload. */
  async write(
    what: string,
    tables: readonly unknown[],
    work: () => Promise<unknown>,
  ): Promise<void> {
    await this.guard(what, '', () =>
      tables.length === 0
        ? work().then(() => this.bump())
        : this.db.transaction('rw', [...(tables as never[]), this.db.meta], async () => {
            await work();
            await this.bump();
          }),
    );
  }

  /** Runs `work`, turning whatever IndexedDB throws into a `MemoryError` saying what failed. */
  async guard<T>(action: string, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storageError(error, what ? `${action} ${what}` : action);
    }
  }

  /** Another instance wrote: a lazily loaded model follows the settings it may have changed. */
  private async followSettings(): Promise<void> {
    if (!this.model.lazy) return;
    this.model.follow((await this.settings()).modelId);
  }

  /**
   * Saves the keyword index, so the next open (here, in another tab or in the engine worker)
   * restores it instead of indexing every memory again. A cache: it changes no data.
   */
  async saveIndex(): Promise<void> {
    await this.ready();
    const parts = this.index.keywordSnapshot();
    await this.guard('save', 'the search index', () =>
      this.db.snapshots.put({ name: KEYWORDS, parts, savedAt: this.now() }),
    );
  }

  /**
   * Brings the search index in line with the database. The first load restores the saved
   * keyword index if there is one; every load then indexes only memories whose words changed.
   */
  private async load(): Promise<void> {
    const model = this.model.current?.model;
    const first = !this.restored;
    this.restored = true;
    const { items, vectors, generation, snapshot } = await this.guard('load', 'memory', () =>
      this.db.transaction(
        'r',
        [this.db.memories, this.db.vectors, this.db.meta, this.db.snapshots],
        async () => ({
          items: await paged(this.db.memories),
          vectors: model ? (await paged(this.db.vectors)).filter((v) => v.model === model) : [],
          generation: (await this.db.meta.get(GENERATION))?.value,
          snapshot: first ? await this.db.snapshots.get(KEYWORDS) : undefined,
        }),
      ),
    );
    // A row of an older build (one `json` text) is not read: everything is indexed anew.
    if (Array.isArray(snapshot?.parts)) await this.index.restoreKeywords(snapshot.parts);
    await this.index.sync(items);
    this.index.clearVectors();
    for (const v of vectors) if (this.index.has(v.id)) this.index.setVector(v.id, v);
    this.seen = typeof generation === 'number' ? generation : 0;
    if (this.index.keywordChanges > Math.max(SAVE_AFTER, this.index.size / 20)) this.saveSoon();
  }

  /** Saves the index once the caller has its answer; a failure only costs the next open time. */
  private saveSoon(): void {
    const save = this.indexSaver;
    if (!save) return;
    this.saving ??= new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(save)
      .then(() => this.index.keywordsSaved())
      .catch((error: unknown) => {
        if (typeof console !== 'undefined')
          console.warn(`memory: the search index was not saved: ${String(error)}`);
      })
      .finally(() => {
        this.saving = null;
      });
  }

  private async bump(): Promise<void> {
    const current = (await this.db.meta.get(GENERATION))?.value;
    const value = typeof current === 'number' ? current : 0;
    // Someone else wrote since this instance loaded: reload before the next search.
    if (value !== this.seen) this.loaded = null;
    await this.db.meta.put({ key: GENERATION, value: value + 1 });
    this.seen = value + 1;
  }
}

/**
 * Every row of `table`, read a page at a time in key order (inside the caller's transaction), so
 * that no one request hands the thread 100,000 rows to deserialise at once.
 */
async function paged<T extends { readonly id: string }>(table: EntityTable<T, 'id'>): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const last = rows.at(-1)?.id;
    const page = await (last === undefined ? table.toCollection() : table.where(':id').above(last))
      .limit(PAGE)
      .toArray();
    for (const row of page) rows.push(row);
    if (page.length < PAGE) return rows;
  }
}

function readSettings(value: unknown): MemorySettings {
  const parsed = memorySettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultSettings;
}
