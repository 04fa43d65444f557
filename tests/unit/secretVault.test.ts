import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openSecretsDb } from '../../src/secrets/db.ts';
import { MIN_MASKED_LENGTH } from '../../src/engine/secretMask.ts';
import { MIN_SECRET_LENGTH } from '../../src/secrets/limits.ts';
import { SecretVault, VaultError } from '../../src/secrets/index.ts';

const deps = { indexedDB, IDBKeyRange };
const opened: SecretVault[] = [];

/** A vault on its own fake database; `name` reopens an existing one, as a new session would. */
function vault(
  name = `aios-secrets-test-${crypto.randomUUID()}`,
): SecretVault & { dbName: string } {
  const v = Object.assign(new SecretVault(name, deps, () => 1_700_000_000_000, 1_000), {
    dbName: name,
  });
  opened.push(v);
  return v;
}

/** Everything stored in the database, as text, to look for values in clear. */
async function rawContents(name: string): Promise<string> {
  const db = new Dexie(name, deps);
  await db.open();
  const rows = await Promise.all(db.tables.map((t) => t.toArray()));
  db.close();
  const decode = (_: string, v: unknown) =>
    v instanceof Uint8Array ? new TextDecoder().decode(v) : v;
  return JSON.stringify(rows, decode);
}

describe('SecretVault', () => {
  afterEach(() => {
    for (const v of opened.splice(0)) v.close();
  });

  it('lists names and dates only, never values', async () => {
    const v = vault();
    await v.set('STRIPE_KEY', 'sk_live_abc123');
    await v.set('CRM_TOKEN', 'crm-secret-xyz');
    const listed = await v.list();
    expect(listed).toEqual([
      { name: 'CRM_TOKEN', createdAt: 1_700_000_000_000 },
      { name: 'STRIPE_KEY', createdAt: 1_700_000_000_000 },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/sk_live_abc123|crm-secret-xyz/);
    expect(await v.get('STRIPE_KEY')).toBe('sk_live_abc123');
    expect(await v.get('NOPE')).toBeUndefined();
  });

  it('encrypts without a passphrase too, with a device key that cannot be read out', async () => {
    const v = vault();
    await v.set('STRIPE_KEY', 'sk_live_abc123');
    expect(await v.status()).toBe('open');
    expect(await rawContents(v.dbName)).not.toContain('sk_live_abc123');
    const db = openSecretsDb(v.dbName, deps);
    const device = await db.keys.get('device');
    db.close();
    expect(device?.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', device!.key)).rejects.toThrow();
    // A new session on the same database reads it with the stored key.
    expect(await vault(v.dbName).get('STRIPE_KEY')).toBe('sk_live_abc123');
  });

  it('seals values an older version stored in clear, once, on first open', async () => {
    const name = `aios-secrets-test-${crypto.randomUUID()}`;
    const old = new Dexie(name, deps);
    old.version(1).stores({ secrets: 'name', meta: 'id' });
    await old.table('secrets').put({ name: 'CRM_TOKEN', createdAt: 1, plain: 'crm-secret-xyz' });
    old.close();
    expect(await rawContents(name)).toContain('crm-secret-xyz');
    const v = vault(name);
    expect(await v.list()).toEqual([{ name: 'CRM_TOKEN', createdAt: 1 }]);
    expect(await rawContents(name)).not.toContain('crm-secret-xyz');
    expect(await v.get('CRM_TOKEN')).toBe('crm-secret-xyz');
    // The passphrase still works over device-sealed values.
    await v.protect('correct horse battery');
    v.lock();
    await v.unlock('correct horse battery');
    expect(await v.get('CRM_TOKEN')).toBe('crm-secret-xyz');
  });

  it('refuses names that flows could not reference', async () => {
    await expect(vault().set('lower case', 'x')).rejects.toMatchObject({ code: 'bad-name' });
    // Values too short to be masked in the log are refused, not kept unmasked.
    const short = vault().set('PIN', '12345');
    await expect(short).rejects.toMatchObject({ code: 'too-short' });
    await expect(short).rejects.toThrow(/PIN is 5 characters; a secret must have at least 6/);
    await vault().set('PIN', '123456');
    // Every value the vault keeps is long enough for the engine to mask.
    expect(MIN_SECRET_LENGTH).toBeGreaterThanOrEqual(MIN_MASKED_LENGTH);
  });

  it('encrypts with a passphrase: values sealed at rest, readable again after unlocking', async () => {
    const v = vault();
    await v.set('STRIPE_KEY', 'sk_live_abc123');
    await v.protect('correct horse battery');
    await v.set('MAIL_KEY', 'mail-secret-777');
    const raw = await rawContents(v.dbName);
    expect(raw).not.toContain('sk_live_abc123');
    expect(raw).not.toContain('mail-secret-777');
    expect(await v.get('MAIL_KEY')).toBe('mail-secret-777');

    // A new session starts locked and needs the passphrase.
    const later = vault(v.dbName);
    expect(await later.status()).toBe('locked');
    await expect(later.get('STRIPE_KEY')).rejects.toMatchObject({ code: 'locked' });
    await expect(later.set('OTHER', 'x-value')).rejects.toBeInstanceOf(VaultError);
    await later.unlock('correct horse battery');
    expect(await later.status()).toBe('unlocked');
    expect(await later.get('STRIPE_KEY')).toBe('sk_live_abc123');
    expect(await later.get('MAIL_KEY')).toBe('mail-secret-777');
    later.lock();
    await expect(later.get('MAIL_KEY')).rejects.toMatchObject({ code: 'locked' });
  });

  it('refuses a wrong passphrase and stays locked', async () => {
    const v = vault();
    await v.set('STRIPE_KEY', 'sk_live_abc123');
    await v.protect('correct horse battery');
    const later = vault(v.dbName);
    await expect(later.unlock('wrong horse battery')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await later.status()).toBe('locked');
    await expect(later.get('STRIPE_KEY')).rejects.toMatchObject({ code: 'locked' });
  });

  it('changes the passphrase: the old one no longer opens it', async () => {
    const v = vault();
    await v.set('STRIPE_KEY', 'sk_live_abc123');
    await v.protect('first passphrase');
    await v.protect('second passphrase');
    const later = vault(v.dbName);
    await expect(later.unlock('first passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await later.unlock('second passphrase');
    expect(await later.get('STRIPE_KEY')).toBe('sk_live_abc123');
  });
});
