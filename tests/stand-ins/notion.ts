import { bearer, Loopback, type Answer, type Received } from './loopback.ts';

/**
 * Notion, as documented: bearer integration secret, a `Notion-Version` header on every call
 * (400 missing_version without it), `POST /v1/pages` with a database parent whose properties must
 * include the database's title property; errors `{ object: 'error', status, code, message }`; 429
 * `rate_limited` with `Retry-After` in seconds.
 */
export class NotionStandIn extends Loopback {
  readonly token = 'ntn_standin_0123456789abcdef';
  /** The one database shared with the integration: its id and title property. */
  readonly database = { id: '0f3c9a2e-6b1d-4c8e-9a7f-2d5e8b1c4a90', title: 'Client' };
  readonly pages: { id: string; properties: Record<string, unknown>; children: unknown[] }[] = [];

  constructor() {
    super((request) => this.route(request));
  }

  rateLimited(seconds: number): Answer {
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: notionError(
        429,
        'rate_limited',
        'You have been rate limited. Please try again in a few minutes.',
      ),
    };
  }

  private route(request: Received): Answer {
    if (!request.headers['notion-version'])
      return {
        status: 400,
        body: notionError(
          400,
          'missing_version',
          'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
        ),
      };
    if (bearer(request) !== this.token)
      return { status: 401, body: notionError(401, 'unauthorized', 'API token is invalid.') };
    if (request.method === 'GET' && request.path === '/v1/users/me')
      return {
        status: 200,
        body: { object: 'user', id: 'b0t-0001', type: 'bot', name: 'Stand-in', bot: {} },
      };
    if (request.method === 'POST' && request.path === '/v1/pages') return this.createPage(request);
    return { status: 400, body: notionError(400, 'invalid_request_url', 'Invalid request URL.') };
  }

  private createPage(request: Received): Answer {
    const body = request.json as
      | {
          parent?: { database_id?: string };
          properties?: Record<string, unknown>;
          children?: unknown[];
        }
      | undefined;
    if (!body?.properties)
      return {
        status: 400,
        body: notionError(
          400,
          'validation_error',
          'body failed validation: body.properties should be defined, instead was `undefined`.',
        ),
      };
    const id = (body.parent?.database_id ?? '').replaceAll('-', '');
    if (id !== this.database.id.replaceAll('-', ''))
      return {
        status: 404,
        body: notionError(
          404,
          'object_not_found',
          `Could not find database with ID: ${body.parent?.database_id ?? ''}. Make sure the relevant pages and databases are shared with your integration.`,
        ),
      };
    const title = body.properties[this.database.title] as { title?: unknown } | undefined;
    if (!title || !Array.isArray(title.title))
      return {
        status: 400,
        body: notionError(
          400,
          'validation_error',
          `${this.database.title} is expected to be title.`,
        ),
      };
    const page = {
      id: `59833787-2cf9-4fdf-8782-e53db20768a${this.pages.length}`,
      properties: body.properties,
      children: body.children ?? [],
    };
    this.pages.push(page);
    return {
      status: 200,
      body: {
        object: 'page',
        id: page.id,
        url: `https://www.notion.so/${page.id.replaceAll('-', '')}`,
        parent: { type: 'database_id', database_id: this.database.id },
        properties: page.properties,
        archived: false,
      },
    };
  }
}

const notionError = (status: number, code: string, message: string) => ({
  object: 'error',
  status,
  code,
  message,
  request_id: '00000000-0000-4000-8000-000000000000',
});
