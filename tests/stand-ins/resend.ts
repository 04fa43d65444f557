import { IdempotencyStore, LoopbackStandIn, type Reply, type Seen } from './server.ts';

/**
 * Resend's email API as documented (https://resend.com/docs/api-reference): bearer API key,
 * JSON bodies, errors as `{ statusCode, name, message }` (401 missing or invalid key, 422
 * validation), and `Idempotency-Key` on POST /emails: the first answer is replayed for 24 hours,
 * the same key with another payload is a 409 `invalid_idempotent_request`.
 */
export class ResendStandIn extends LoopbackStandIn {
  /** Emails actually sent, in order. */
  readonly sent: Record<string, unknown>[] = [];
  private readonly keys = new IdempotencyStore();
  private ids = 0;

  constructor(readonly apiKey: string) {
    super();
  }

  protected errorBody(status: number, message: string): unknown {
    const name =
      status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'internal_server_error' : 'error';
    return { statusCode: status, name, message };
  }

  private error(status: number, name: string, message: string): Reply {
    return { status, body: { statusCode: status, name, message } };
  }

  protected answer(seen: Seen): Reply {
    const auth = seen.headers.authorization;
    if (!auth)
      return this.error(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (auth !== `Bearer ${this.apiKey}`)
      return this.error(401, 'validation_error', 'API key is invalid');
    if (seen.method !== 'POST' || seen.path !== '/emails')
      return this.error(404, 'not_found', 'The requested endpoint does not exist.');
    if (seen.type !== 'application/json')
      return this.error(422, 'validation_error', 'Invalid `content-type` header.');
    const email = JSON.parse(seen.text) as Record<string, unknown>;
    for (const field of ['from', 'to', 'subject'])
      if (email[field] === undefined)
        return this.error(422, 'missing_required_field', `Missing \`${field}\` field.`);
    const key = seen.headers['idempotency-key'];
    if (typeof key !== 'string') return this.send(email);
    const fingerprint = JSON.stringify(email);
    const kept = this.keys.lookup(key, fingerprint);
    if (kept && 'conflict' in kept)
      return this.error(
        409,
        'invalid_idempotent_request',
        'Same idempotency key used with a different request payload.',
      );
    if (kept) return kept.replay;
    const reply = this.send(email);
    this.keys.keep(key, fingerprint, reply);
    return reply;
  }

  private send(email: Record<string, unknown>): Reply {
    const id = `4ef9a417-02e9-4d39-ad75-9611e0fcc${String(++this.ids).padStart(3, '0')}`;
    this.sent.push(email);
    this.applied(`email ${id}`);
    return { status: 200, body: { id } };
  }
}
