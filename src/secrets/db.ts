import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';
import type { Sealed } from './crypto.ts';

/** A secret as stored: its value in clear (vault without passphrase) or sealed, never both. */
export interface StoredSecret {
  readonly name: string;
  readonly createdAt: number;
  readonly plain?: string;
  readonly sealed?: Sealed;
}

/** How the vault is protected; absent while it has no passphrase. */
export interface VaultLock {
  readonly id: 'lock';
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly iterations: number;
  /** A known text sealed with the key, to tell a wrong passphrase from a right one. */
  readonly check: Sealed;
}

export type SecretsDb = Dexie & {
  secrets: EntityTable<StoredSecret, 'name'>;
  meta: EntityTable<VaultLock, 'id'>;
};

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

/** Schema version 1: secrets keyed by name (primary keys never change in an upgrade). */
export function openSecretsDb(name: string, deps: IndexedDbDeps = {}): SecretsDb {
  const db = new Dexie(name, deps) as SecretsDb;
  db.version(1).stores({ secrets: 'name', meta: 'id' });
  return db;
}
