import { secretNameSchema } from '../flow/index.ts';
import { defaultIterations, deriveKey, randomBytes, seal, unseal } from './crypto.ts';
import { MIN_SECRET_LENGTH } from './limits.ts';
import {
  deviceKeyOf,
  openSecretsDb,
  type IndexedDbDeps,
  type SecretsDb,
  type StoredSecret,
} from './db.ts';

/** What a listing shows of a secret: never its value. */
export interface SecretInfo {
  readonly name: string;
  readonly createdAt: number;
}

/** `open`: no passphrase; `locked`: a passphrase, not given yet; `unlocked`: given this session. */
export type VaultStatus = 'open' | 'locked' | 'unlocked';

export class VaultError extends Error {
  constructor(
    readonly code: 'locked' | 'wrong-passphrase' | 'bad-name' | 'bad-passphrase' | 'too-short',
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

/** The one thing the engine may do with the vault: read a value by name, when it runs a call. */
export interface SecretReader {
  get(name: string): Promise<string | undefined>;
}

const CHECK = 'aios-secrets';

/**
 * Named secrets (API keys) in IndexedDB, always encrypted (AES-GCM): by default with a
 * non-extractable device key kept in the same database, or, stronger, with a key derived from a
 * passphrase (PBKDF2) that lives in this object's memory only (`lock()` forgets it). Flows and
 * settings name a secret; only the engine's services read values (`get`); listings show names
 * and dates.
 * @example const vault = new SecretVault(); await vault.set('BILLING_API_KEY', 'sk_live_…'); await vault.protect('correct horse');
 */
export class SecretVault implements SecretReader {
  private readonly db: SecretsDb;
  private key: CryptoKey | undefined;
  private device: Promise<CryptoKey> | undefined;
  private upgraded: Promise<void> | undefined;

  constructor(
    name = 'aios-secrets',
    deps: IndexedDbDeps = {},
    private readonly clock: () => number = () => Date.now(),
    /** PBKDF2 rounds for a new passphrase (tests lower it; unlocking uses the stored figure). */
    private readonly iterations = defaultIterations,
  ) {
    this.db = openSecretsDb(name, deps);
  }

  async status(): Promise<VaultStatus> {
    await this.upgrade();
    if (!(await this.db.meta.get('lock'))) return 'open';
    return this.key ? 'unlocked' : 'locked';
  }

  /** Names and dates, by name; values never leave through here. */
  async list(): Promise<SecretInfo[]> {
    await this.upgrade();
    const all = await this.db.secrets.orderBy('name').toArray();
    return all.map(({ name, createdAt }) => ({ name, createdAt }));
  }

  /** Stores (or replaces) a secret; sealed when the vault has a passphrase, which must be given. */
  async set(name: string, value: string): Promise<void> {
    const checked = secretNameSchema.safeParse(name);
    if (!checked.success)
      throw new VaultError('bad-name', checked.error.issues[0]?.message ?? 'bad secret name');
    if (value.length < MIN_SECRET_LENGTH)
      throw new VaultError(
        'too-short',
        `the value of ${name} is ${value.length} characters; a secret must have at least ${MIN_SECRET_LENGTH}, or it cannot be kept out of logs`,
      );
    const key = await this.writeKey();
    const record: StoredSecret = key
      ? { name, createdAt: this.clock(), sealed: await seal(key, value) }
      : { name, createdAt: this.clock(), device: await seal(await this.deviceKey(), value) };
    await this.db.secrets.put(record);
  }

  async remove(name: string): Promise<void> {
    await this.db.secrets.delete(name);
  }

  /** A secret's value, for the engine's services only; `undefined` when there is none. */
  async get(name: string): Promise<string | undefined> {
    await this.upgrade();
    const record = await this.db.secrets.get(name);
    if (!record) return undefined;
    if (record.plain !== undefined) return record.plain;
    if (record.device) return unseal(await this.deviceKey(), record.device);
    if (!record.sealed) return undefined;
    if (!this.key)
      throw new VaultError(
        'locked',
        `the secret vault is locked: unlock it with your passphrase to use ${name}`,
      );
    return unseal(this.key, record.sealed);
  }

  /**
   * Sets the passphrase: an open vault gets one and every value is sealed; an unlocked vault's
   * values are sealed again under the new one. Leaves the vault unlocked.
   */
  async protect(passphrase: string): Promise<void> {
    if (passphrase.length < 8)
      throw new VaultError('bad-passphrase', 'use a passphrase of at least 8 characters');
    const old = await this.writeKey();
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt, this.iterations);
    const check = await seal(key, CHECK);
    const secrets = await this.db.secrets.toArray();
    const resealed: StoredSecret[] = [];
    for (const s of secrets) {
      const value =
        s.plain ??
        (s.device
          ? await unseal(await this.deviceKey(), s.device)
          : old && s.sealed
            ? await unseal(old, s.sealed)
            : undefined);
      if (value !== undefined)
        resealed.push({ name: s.name, createdAt: s.createdAt, sealed: await seal(key, value) });
    }
    // One transaction: a crash leaves either the old passphrase and values or the new ones.
    await this.db.transaction('rw', this.db.secrets, this.db.meta, async () => {
      await this.db.secrets.bulkPut(resealed);
      await this.db.meta.put({ id: 'lock', salt, iterations: this.iterations, check });
    });
    this.key = key;
  }

  /** Gives the passphrase for this session; a wrong one is refused and changes nothing. */
  async unlock(passphrase: string): Promise<void> {
    const lock = await this.db.meta.get('lock');
    if (!lock) return;
    const key = await deriveKey(passphrase, lock.salt, lock.iterations);
    try {
      if ((await unseal(key, lock.check)) !== CHECK) throw new Error('check mismatch');
    } catch {
      throw new VaultError('wrong-passphrase', 'that passphrase does not open the secret vault');
    }
    this.key = key;
  }

  /** Forgets the key; sealed values cannot be read until the next `unlock`. */
  lock(): void {
    this.key = undefined;
  }

  close(): void {
    this.key = undefined;
    this.db.close();
  }

  private deviceKey(): Promise<CryptoKey> {
    return (this.device ??= deviceKeyOf(this.db));
  }

  /**
   * Seals values an older version stored in clear (once per session; a value changed meanwhile,
   * by another tab, is left to it).
   */
  private upgrade(): Promise<void> {
    return (this.upgraded ??= (async () => {
      const plain = (await this.db.secrets.toArray()).filter((s) => s.plain !== undefined);
      if (plain.length === 0) return;
      const key = await this.deviceKey();
      const sealed = await Promise.all(
        plain.map(async (s) => ({ s, device: await seal(key, s.plain ?? '') })),
      );
      await this.db.transaction('rw', this.db.secrets, async () => {
        for (const { s, device } of sealed) {
          const now = await this.db.secrets.get(s.name);
          if (now?.plain === s.plain)
            await this.db.secrets.put({ name: s.name, createdAt: s.createdAt, device });
        }
      });
    })().catch((error: unknown) => {
      this.upgraded = undefined;
      throw error;
    }));
  }

  /** The key to seal new values with: none for an open vault; refused while locked. */
  private async writeKey(): Promise<CryptoKey | undefined> {
    if (!(await this.db.meta.get('lock'))) return undefined;
    if (!this.key)
      throw new VaultError('locked', 'the secret vault is locked: unlock it with your passphrase');
    return this.key;
  }
}
