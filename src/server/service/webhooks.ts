import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookTrigger } from '../../nodes/start/triggers.ts';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Signs a body as `verifyDelivery` expects: `sha256=<hex HMAC-SHA256>` (for senders and tests). */
export function signBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Whether a delivery proves it knows the trigger's secret: by `hmac-sha256`, the signature header
 * holds the HMAC of the raw body (`sha256=<hex>` as GitHub sends it, or the bare hex); by
 * `bearer`, `Authorization: Bearer <secret>`. Compared in constant time.
 */
export function verifyDelivery(
  trigger: WebhookTrigger,
  secret: string,
  rawBody: Uint8Array,
  header: (name: string) => string | undefined,
): boolean {
  switch (trigger.auth) {
    case 'hmac-sha256': {
      const given = header(trigger.signatureHeader)?.trim().toLowerCase();
      if (!given) return false;
      const expected = signBody(secret, rawBody);
      return same(given.startsWith('sha256=') ? given : `sha256=${given}`, expected);
    }
    case 'bearer': {
      const given = header('authorization');
      return given !== undefined && same(given, `Bearer ${secret}`);
    }
  }
}

/** The sender's id for this delivery (the same on its retries), if it sent one. */
export function deliveryId(
  trigger: WebhookTrigger,
  header: (name: string) => string | undefined,
): string | undefined {
  const value = header(trigger.deliveryHeader)?.trim();
  return value ? value.slice(0, 200) : undefined;
}
