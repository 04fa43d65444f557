import { bearer, Loopback, type Answer, type Received } from './loopback.ts';

/**
 * Slack, as its docs describe it: the Web API under `/api/` (bearer bot token; failures mostly
 * HTTP 200 with `{ ok: false, error }`; 429 with `Retry-After` when rate limited) and incoming
 * webhooks under `/services/T…/B…/<secret>` (JSON in; plain-text `ok` or an error word out:
 * 400 invalid_payload, 403 invalid_token, 404 no_service, 410 channel_is_archived).
 */
export class SlackStandIn extends Loopback {
  readonly token = 'xoxb-1111-2222-standin';
  readonly hookSecret = 'standinHookSecret0123456789';
  /** Channels the bot is in, by id. */
  readonly channels = new Set(['C0123456789']);
  /** Messages posted, in order. */
  readonly posted: { channel: string; text: string; ts: string; via: 'api' | 'webhook' }[] = [];

  constructor() {
    super((request) => this.route(request));
  }

  get webhookUrl(): string {
    return `${this.url}/services/T0001/B0001/${this.hookSecret}`;
  }

  /** What a rate-limited Web API call gets. */
  rateLimited(seconds: number): Answer {
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: { ok: false, error: 'ratelimited' },
    };
  }

  /** What a rate-limited webhook gets: the same status and header, a text body. */
  webhookRateLimited(seconds: number): Answer {
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: 'rate_limited',
      type: 'text/html',
    };
  }

  private route(request: Received): Answer {
    if (request.path.startsWith('/services/')) return this.webhook(request);
    if (!request.path.startsWith('/api/')) return { status: 404, body: 'not found' };
    const token = bearer(request);
    if (token === undefined) return ok200({ ok: false, error: 'not_authed' });
    if (token !== this.token) return ok200({ ok: false, error: 'invalid_auth' });
    const method = request.path.slice('/api/'.length);
    if (method === 'auth.test')
      return ok200({
        ok: true,
        url: 'https://standin.slack.com/',
        team: 'Stand-in',
        user: 'bot',
        team_id: 'T0001',
        user_id: 'U0001',
        bot_id: 'B0001',
      });
    if (method === 'chat.postMessage') return this.postMessage(request);
    return ok200({ ok: false, error: 'unknown_method' });
  }

  private postMessage(request: Received): Answer {
    if (request.method !== 'POST') return ok200({ ok: false, error: 'invalid_post_type' });
    const body = request.json as
      { channel?: unknown; text?: unknown; blocks?: unknown } | undefined;
    if (!body) return ok200({ ok: false, error: 'invalid_json' });
    if (typeof body.channel !== 'string' || !this.channels.has(body.channel))
      return ok200({ ok: false, error: 'channel_not_found' });
    if (typeof body.text !== 'string' || body.text === '')
      return ok200({ ok: false, error: 'no_text' });
    if (body.text.length > 40_000) return ok200({ ok: false, error: 'msg_too_long' });
    const ts = `1700000000.${String(this.posted.length + 1).padStart(6, '0')}`;
    this.posted.push({ channel: body.channel, text: body.text, ts, via: 'api' });
    return ok200({
      ok: true,
      channel: body.channel,
      ts,
      message: { type: 'message', text: body.text, ts, bot_id: 'B0001' },
    });
  }

  private webhook(request: Received): Answer {
    const text = (status: number, word: string): Answer => ({
      status,
      body: word,
      type: 'text/html',
    });
    const [, , team, bot, secret] = request.path.split('/');
    if (team !== 'T0001' || bot !== 'B0001') return text(404, 'no_service');
    if (secret !== this.hookSecret) return text(403, 'invalid_token');
    const body = request.json as { text?: unknown } | undefined;
    if (request.method !== 'POST' || !body || typeof body.text !== 'string' || body.text === '')
      return text(400, 'invalid_payload');
    this.posted.push({ channel: 'C0123456789', text: body.text, ts: '', via: 'webhook' });
    return text(200, 'ok');
  }
}

const ok200 = (body: unknown): Answer => ({ status: 200, body });
