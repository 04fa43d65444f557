/** A value encrypted with AES-GCM: the random nonce and the ciphertext (with its auth tag). */
export interface Sealed {
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; stored with the vault, so it can rise later. */
export const defaultIterations = 600_000;

export const randomBytes = (length: number): Uint8Array<ArrayBuffer> =>
  crypto.getRandomValues(new Uint8Array(length));

/**
 * The vault key from a passphrase: PBKDF2 (SHA-256) into a non-extractable AES-GCM key, so the
 * key itself can never be read back out of this process.
 */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts text with a fresh 96-bit nonce. */
export async function seal(key: CryptoKey, text: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(text),
  );
  return { iv, data: new Uint8Array(data) };
}

/** Decrypts; rejects when the key is wrong or the ciphertext was tampered with (GCM's tag). */
export async function unseal(key: CryptoKey, sealed: Sealed): Promise<string> {
  const text = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return new TextDecoder().decode(text);
}
