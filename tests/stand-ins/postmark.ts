import { LoopbackStandIn, type Reply, type Seen } from './server.ts';

/**
 * Postmark's email API as documented (https://postmarkapp.com/developer/api/email-api): the
 * server token in `X-Postmark-Server-Token`, JSON with `Accept: application/json`, answers as
 * `{ To, SubmittedAt, MessageID, ErrorCode: 0, Message: "OK" }`, errors as `{ ErrorCode, Message }`
 * (401 with ErrorCode 10 for a bad token, 422 for a refused message). No idempotency key: every
 * request that arrives is sent.
 */
export class PostmarkStandIn extends LoopbackStandIn {
  readonly sent: Record<string, unknown>[] = [];
  private ids = 0;

  constructor(readonly serverToken: string) {
    super();
  }

  protected errorBody(status: number, message: string): unknown {
    return { ErrorCode: status === 429 ? 429 : 100, Message: message };
  }

  private error(status: number, code: number, message: string): Reply {
    return { status, body: { ErrorCode: code, Message: message } };
  }

  protected answer(seen: Seen): Reply {
    const token = seen.headers['x-postmark-server-token'];
    if (token !== this.serverToken)
      return this.error(
        401,
        10,
        token === undefined
          ? 'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.'
          : 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.',
      );
    if (seen.method === 'GET' && seen.path === '/server')
      return { status: 200, body: { ID: 1, Name: 'Stand-in server' } };
    if (seen.method !== 'POST' || seen.path !== '/email') return this.error(404, 404, 'Not found');
    if (seen.type !== 'application/json') return this.error(415, 409, 'JSON required.');
    const email = JSON.parse(seen.text) as Record<string, unknown>;
    if (typeof email['To'] !== 'string' || email['To'] === '')
      return this.error(422, 300, "Invalid 'To' address: ''.");
    const id = `b7bc2f4a-e38e-4336-af7d-e6c3925${String(++this.ids).padStart(5, '0')}`;
    this.sent.push(email);
    this.applied(`email ${id}`);
    return {
      status: 200,
      body: {
        To: email['To'],
        SubmittedAt: '2026-01-05T09:00:00Z',
        MessageID: id,
        ErrorCode: 0,
        Message: 'OK',
      },
    };
  }
}
