import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';
import type { Sealed } from './crypto.ts';

/**
 * A secret as stored: sealed with the device key (no passphrase) or with the passphrase key.
 * `plain` is what version 1 stored without a passphrase; it is sealed on first open.
 */
export interface StoredSecret {
  readonly name: string;
  readonly createdAt: number;
  readonly plain?: string;
  readonly device?: Sealed;
  readonly sealed?: Sealed;
}

/**
 * The device key: a non-extractable AES-GCM key, kept in IndexedDB as a CryptoKey object. The
 * browser can use it but never hands out its bytes, so a copied profile folder or a backup of
 * the database reveals no secret value.
 */
export interface DeviceKey {
  readonly id: 'device';
  readonly key: CryptoKey;
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
  keys: EntityTable<DeviceKey, 'id'>;
};

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

/**
 * Schema version 1: secrets keyed by name (primary keys never change in an upgrade); version 2
 * adds the device key's table.
 */
export function openSecretsDb(name: string, deps: IndexedDbDeps = {}): SecretsDb {
  const db = new Dexie(name, deps) as SecretsDb;
  db.version(1).stores({ secrets: 'name', meta: 'id' });
  db.version(2).stores({ secrets: 'name', meta: 'id', keys: 'id' });
  return db;
}

/** This database's device key, created (once, whichever tab comes first) when there is none. */
export async function deviceKeyOf(db: SecretsDb): Promise<CryptoKey> {
  const existing = await db.keys.get('device');
  if (existing) return existing.key;
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  // Another tab may have made one meanwhile: the first stored wins.
  return db.transaction('rw', db.keys, async () => {
    const raced = await db.keys.get('device');
    if (raced) return raced.key;
    await db.keys.add({ id: 'device', key: fresh });
    return fresh;
  });
}
