import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';
import * as z from 'zod';
import {
  runtimeSettingsSchema,
  type RuntimeSettings,
  type SavedSettings,
} from '../protocol/index.ts';

export const noSettings: SavedSettings = {
  settings: { providers: {}, connections: {} },
  revision: 0,
  savedAt: null,
};

/** Where the engine's settings are kept; every read is parsed, every save is one transaction. */
export interface SettingsStore {
  load(): Promise<SavedSettings>;
  /** Saves the next revision; resolves with it and the revision it replaced, once durable. */
  save(
    settings: RuntimeSettings,
    now: number,
  ): Promise<{ saved: SavedSettings; replaced: SavedSettings }>;
  /** Saves `settings` only when nothing was ever saved (moving them from older storage once). */
  adopt(settings: RuntimeSettings, now: number): Promise<boolean>;
}

/** The stored row; `value` is parsed on every read, since storage outlives the code that wrote it. */
interface SettingsRow {
  readonly id: 'runtime';
  readonly revision: number;
  readonly savedAt: number;
  readonly value: unknown;
}

const rowSchema = z.object({
  id: z.literal('runtime'),
  revision: z.number().int().positive(),
  savedAt: z.number(),
  value: z.unknown(),
});

class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** The saved settings row as settings; one that does not parse is an error naming the field. */
function parseRow(row: unknown): SavedSettings {
  if (row === undefined) return noSettings;
  const shape = rowSchema.safeParse(row);
  const value = shape.success ? runtimeSettingsSchema.safeParse(shape.data.value) : undefined;
  if (!shape.success || !value?.success) {
    const issue = (shape.success ? value?.error : shape.error)?.issues[0];
    throw new SettingsError(
      `the saved settings (IndexedDB "aios-settings") cannot be read: ${issue?.path.join('.') || '(row)'}: ${issue?.message ?? 'invalid'}; open Connections and save them again`,
    );
  }
  return { settings: value.data, revision: shape.data.revision, savedAt: shape.data.savedAt };
}

type SettingsDb = Dexie & { settings: EntityTable<SettingsRow, 'id'> };

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

/**
 * The settings in their own IndexedDB database, `aios-settings` (schema version 1: one row keyed
 * `runtime`). IndexedDB commits a transaction to disk before it reports success, unlike
 * localStorage, which Chromium writes lazily and loses when the browser is killed.
 */
export class DexieSettings implements SettingsStore {
  private readonly db: SettingsDb;

  constructor(name = 'aios-settings', deps: IndexedDbDeps = {}) {
    this.db = new Dexie(name, deps) as SettingsDb;
    this.db.version(1).stores({ settings: 'id' });
  }

  async load(): Promise<SavedSettings> {
    return parseRow(await this.db.settings.get('runtime'));
  }

  save(settings: RuntimeSettings, now: number) {
    return this.db.transaction('rw', this.db.settings, async () => {
      const replaced = parseRow(await this.db.settings.get('runtime'));
      const saved = { settings, revision: replaced.revision + 1, savedAt: now };
      await this.db.settings.put({
        id: 'runtime',
        revision: saved.revision,
        savedAt: now,
        value: settings,
      });
      return { saved, replaced };
    });
  }

  adopt(settings: RuntimeSettings, now: number): Promise<boolean> {
    return this.db.transaction('rw', this.db.settings, async () => {
      if (await this.db.settings.get('runtime')) return false;
      await this.db.settings.put({ id: 'runtime', revision: 1, savedAt: now, value: settings });
      return true;
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Settings kept in memory (Node hosts and tests). */
export class MemorySettings implements SettingsStore {
  private row: SettingsRow | undefined;

  load(): Promise<SavedSettings> {
    return Promise.resolve(parseRow(this.row));
  }

  save(settings: RuntimeSettings, now: number) {
    const replaced = parseRow(this.row);
    this.row = { id: 'runtime', revision: replaced.revision + 1, savedAt: now, value: settings };
    return Promise.resolve({ saved: parseRow(this.row), replaced });
  }

  adopt(settings: RuntimeSettings, now: number): Promise<boolean> {
    if (this.row) return Promise.resolve(false);
    this.row = { id: 'runtime', revision: 1, savedAt: now, value: settings };
    return Promise.resolve(true);
  }
}
