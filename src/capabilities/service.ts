import type { RunsOn } from './define.ts';
import type { SlowDown } from './http.ts';

/** How a service wants its secret: as a bearer token, in a header of its own, or not at all. */
export type ServiceAuth =
  /** `optional`: the service may take calls without a key (our own generic dialect). */
  | { readonly scheme: 'bearer'; readonly optional?: boolean }
  | { readonly scheme: 'header'; readonly header: string }
  /** The secret is the whole URL (Slack's and Discord's incoming webhooks). */
  | { readonly scheme: 'url' }
  | { readonly scheme: 'none' };

/**
 * A remote service capabilities call, as its API documents it. Its connection in the workspace
 * settings is named by `id` and holds the base URL (where it varies) and the vault secret's name.
 */
export interface ServiceDef {
  /** Also the connection's name in the settings. */
  readonly id: string;
  readonly title: string;
  /** Where its API reference is, for people setting it up; none for our own dialect. */
  readonly docs?: string;
  /** The default base URL; none means every connection must give its own. */
  readonly baseUrl?: string;
  readonly auth: ServiceAuth;
  /** What the secret is called at the service, e.g. "Secret key (sk_test_… or sk_live_…)". */
  readonly secretLabel: string;
  /** How request bodies are sent: JSON, or form-encoded with bracketed keys (Stripe). */
  readonly encoding: 'json' | 'form';
  /** The header the service dedupes on, when it does. */
  readonly idempotencyHeader?: string;
  /** Headers every request carries (API versions, accept types). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `server` when the service refuses calls from web pages (CORS) or its secret must not be in one. */
  readonly runsOn: RunsOn;
  /** The human message inside an error body, as the service documents its errors. */
  errorMessage?(body: unknown): string | undefined;
  /** A refusal the service words itself (Stripe's `idempotency_error`); none for the usual wording. */
  explainRefusal?(status: number, body: unknown): string | undefined;
  /**
   * A refusal the service answers with a success status (Slack's `{ ok: false, error }` at 200):
   * the HTTP status it amounts to (401 for a refused key), `'unknown'` when the service says it
   * may have partly happened, or none when the answer is a success.
   */
  refusal?(body: unknown): number | 'unknown' | undefined;
  /** A refusal that means "slow down" beyond 429/503 with `Retry-After`, and how long to wait. */
  readonly slowDown?: SlowDown;
  /**
   * A harmless read that proves the connection works ("Test connection"); under the base URL, or
   * under the secret URL itself for `url` services (`''` is the webhook URL).
   */
  readonly test?: { readonly method: 'GET'; readonly path: string };
}

/** Defines a service (for type inference and one place to read each). */
export const defineService = (service: ServiceDef): ServiceDef => service;

/** Reads `body.a.b…` when every step is an object; for services' documented error bodies. */
export function dig(body: unknown, ...path: string[]): unknown {
  let at = body;
  for (const step of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

/** `dig` that keeps only a string. */
export const digText = (body: unknown, ...path: string[]): string | undefined => {
  const value = dig(body, ...path);
  return typeof value === 'string' ? value : undefined;
};
