import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stand-in saw it. */
interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

const openAiModels = [
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
];
const anthropicModels = [
  {
    id: 'claude-sonnet-4-5',
    display_name: 'Claude Sonnet 4.5',
    created_at: '2025-09-29T00:00:00Z',
  },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
  { id: 'claude-opus-4-1', display_name: 'Claude Opus 4.1', created_at: '2025-08-05T00:00:00Z' },
];

/**
 * Model lists on loopback, faithful to the documented endpoints: OpenAI's `GET /v1/models`
 * (bearer key; 401 `{ error: { message, type, param, code: 'invalid_api_key' } }`), Anthropic's
 * `GET /v1/models` (`x-api-key` and `anthropic-version`; 401 `{ type: 'error', error: { type:
 * 'authentication_error', message: 'invalid x-api-key' } }`; pages with `limit`, `after_id`,
 * `has_more`, `last_id`) and OpenRouter's list, which carries prices per token as text.
 * Anthropic's pages hold at most `anthropicPage` models here (1000 there) so paging is exercised.
 * Every answer allows any origin, as a page's fetch needs.
 */
export class ModelListServer {
  readonly requests: SeenRequest[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(
    readonly keys: { openai: string; anthropic: string; openrouter: string },
    private readonly anthropicPage = 2,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers':
        'authorization, x-api-key, anthropic-version, anthropic-dangerous-direct-browser-access',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    this.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers });
    const json = (status: number, body: unknown) =>
      void res
        .writeHead(status, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    if (req.method !== 'GET') return json(405, { error: { message: 'method not allowed' } });
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    switch (url.pathname) {
      case '/openai/v1/models':
        if (bearer !== this.keys.openai)
          return json(401, {
            error: {
              message: `Incorrect API key provided: ${bearer ?? ''}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              type: 'invalid_request_error',
              param: null,
              code: 'invalid_api_key',
            },
          });
        return json(200, { object: 'list', data: openAiModels });
      case '/anthropic/v1/models': {
        if (!req.headers['anthropic-version'])
          return json(400, {
            type: 'error',
            error: {
              type: 'invalid_request_error',
              message: 'anthropic-version: header is required',
            },
          });
        if (req.headers['x-api-key'] !== this.keys.anthropic)
          return json(401, {
            type: 'error',
            error: { type: 'authentication_error', message: 'invalid x-api-key' },
          });
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), this.anthropicPage);
        const after = url.searchParams.get('after_id');
        const from = after ? anthropicModels.findIndex((m) => m.id === after) + 1 : 0;
        const page = anthropicModels
          .slice(from, from + limit)
          .map((m) => ({ ...m, type: 'model' }));
        return json(200, {
          data: page,
          has_more: from + limit < anthropicModels.length,
          first_id: page[0]?.id ?? null,
          last_id: page.at(-1)?.id ?? null,
        });
      }
      case '/openrouter/api/v1/models':
        return json(200, {
          data: [
            {
              id: 'openai/gpt-4o-mini',
              name: 'OpenAI: GPT-4o-mini',
              pricing: { prompt: '0.00000015', completion: '0.0000006' },
            },
          ],
        });
      case '/service/health':
        if (bearer !== this.keys.openai) return json(401, { error: 'unauthorized' });
        return json(200, { ok: true });
      default:
        return json(404, { error: { message: `no route ${url.pathname}` } });
    }
  }
}
