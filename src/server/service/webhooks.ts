import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a webhook may authenticate with, and the ones naming a delivery. */
export const signatureHeaders = ['x-aios-signature', 'x-hub-signature-256'] as const;
export const secretHeader = 'x-aios-secret';
export const deliveryHeaders = ['idempotency-key', 'x-delivery-id', 'x-github-delivery'] as const;

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Whether a delivery proves it knows the flow's secret: `X-Aios-Signature: sha256=<hex>` (or
 * GitHub's `X-Hub-Signature-256`), the HMAC-SHA256 of the raw body with the secret; or the secret
 * itself in `X-Aios-Secret`, for senders that cannot sign. Compared in constant time.
 */
export function verifyDelivery(
  secret: string,
  rawBody: Uint8Array,
  header: (name: string) => string | undefined,
): boolean {
  for (const name of signatureHeaders) {
    const value = header(name);
    if (value === undefined) continue;
    const expected = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
    return same(value.trim().toLowerCase(), expected);
  }
  const given = header(secretHeader);
  return given !== undefined && same(given, secret);
}

/** The sender's id for this delivery (the same on its retries), if it sent one. */
export function deliveryId(header: (name: string) => string | undefined): string | undefined {
  for (const name of deliveryHeaders) {
    const value = header(name)?.trim();
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/** Signs a body as `verifyDelivery` expects (for senders and tests). */
export function signBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
