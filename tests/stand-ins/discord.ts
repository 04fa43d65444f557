import { Loopback, type Answer, type Received } from './loopback.ts';

/**
 * Discord's webhooks, as documented: `/api/webhooks/{id}/{token}`; POST executes (JSON; `?wait=true`
 * answers 200 with the message, otherwise 204), GET answers the webhook. Errors are
 * `{ message, code }` (401 Invalid Webhook Token 50027, 404 Unknown Webhook 10015, 400 Invalid Form
 * Body 50035); a 429 carries `retry_after` (seconds) in the body and `Retry-After` as a header.
 */
export class DiscordStandIn extends Loopback {
  readonly webhookId = '112233445566778899';
  readonly webhookToken = 'standin-discord-token_0123456789abcdef';
  readonly channelId = '998877665544332211';
  readonly posted: { id: string; content: string; username?: string; wait: boolean }[] = [];

  constructor() {
    super((request) => this.route(request));
  }

  get webhookUrl(): string {
    return `${this.url}/api/webhooks/${this.webhookId}/${this.webhookToken}`;
  }

  rateLimited(seconds: number): Answer {
    return {
      status: 429,
      headers: { 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-scope': 'shared' },
      body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
    };
  }

  private route(request: Received): Answer {
    const match = /^\/api\/webhooks\/(\d+)\/([^/]+)$/.exec(request.path);
    if (!match || match[1] !== this.webhookId)
      return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    if (match[2] !== this.webhookToken)
      return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    if (request.method === 'GET')
      return {
        status: 200,
        body: {
          id: this.webhookId,
          type: 1,
          channel_id: this.channelId,
          name: 'Stand-in',
          token: this.webhookToken,
        },
      };
    const body = request.json as { content?: unknown; username?: unknown } | undefined;
    if (
      !body ||
      typeof body.content !== 'string' ||
      body.content === '' ||
      body.content.length > 2000
    )
      return {
        status: 400,
        body: {
          message: 'Invalid Form Body',
          code: 50035,
          errors: { content: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } },
        },
      };
    const wait = request.query.get('wait') === 'true';
    const id = `13000000000000000${this.posted.length + 1}`;
    this.posted.push({
      id,
      content: body.content,
      ...(typeof body.username === 'string' ? { username: body.username } : {}),
      wait,
    });
    if (!wait) return { status: 204 };
    return {
      status: 200,
      body: {
        id,
        type: 0,
        channel_id: this.channelId,
        content: body.content,
        webhook_id: this.webhookId,
        author: { id: this.webhookId, bot: true },
      },
    };
  }
}
