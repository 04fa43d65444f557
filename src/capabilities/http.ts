import { NodeError } from '../engine/contract/index.ts';

/** One HTTP call a capability makes. */
interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** How errors name the URL when it must not be shown (a webhook URL that is itself the secret). */
  readonly shown?: string;
}

/** A refusal in a service's own words, from its status and (parsed) error body; none for the default. */
export type Explain = (status: number, body: unknown, slowedDown?: boolean) => string | undefined;

/**
 * A refusal the service means as "slow down" beyond `Retry-After` on 429/503 (GitHub's secondary
 * limits are 403s; Discord puts `retry_after` in the body): how long to wait, or none when the
 * refusal is not one. A refusal it recognises is retryable whatever its status.
 */
export type SlowDown = (
  status: number,
  headers: Headers,
  body: unknown,
) => { readonly afterMs?: number } | undefined;

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; none when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Sends a call and parses a JSON answer. Statuses in `retryOn` become retryable errors; other
 * failures are fatal; an error without a response is retryable, since the call may not have landed.
 */
export async function sendHttp(
  fetchFn: typeof fetch,
  call: HttpCall,
  retryOn: readonly number[],
  signal: AbortSignal,
  explain?: Explain,
  slowDown?: SlowDown,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  let response: Response;
  try {
    response = await fetchFn(call.url, {
      method: call.method,
      headers: {
        ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      body:
        call.body === undefined
          ? null
          : typeof call.body === 'string'
            ? call.body
            : JSON.stringify(call.body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new NodeError(
      'network',
      `${call.method} ${call.shown ?? call.url} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      { retryable: true },
    );
  }
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new NodeError(
        'bad-response',
        `${call.method} ${call.shown ?? call.url} answered with invalid JSON`,
        {
          status: response.status,
        },
      );
    }
  }
  if (!response.ok) {
    const slowed = slowDown?.(response.status, response.headers, body);
    const after =
      response.status === 429 || response.status === 503
        ? (retryAfterMs(response.headers.get('retry-after')) ?? slowed?.afterMs)
        : slowed?.afterMs;
    const extra = {
      status: response.status,
      retryable: retryOn.includes(response.status) || slowed !== undefined,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    };
    const own = explain?.(response.status, body, slowed !== undefined);
    if (own !== undefined) throw new NodeError('http', own, extra);
    const full = typeof body === 'string' ? body : JSON.stringify(body);
    // Cut at a word boundary: half a token (a secret the remote quoted) would escape masking.
    const detail =
      full.length <= 200 ? full : `${full.slice(0, 200).replace(/[^\s"',:;{}[\]()<>]*$/, '')}…`;
    throw new NodeError(
      'http',
      `${call.method} ${call.shown ?? call.url} answered ${response.status}: ${detail}`,
      extra,
    );
  }
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body };
}
