import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { defineService, digText } from '../service.ts';

// Notion: a row appended to a database is a page whose parent is the database. API version
// 2022-06-28 (parent `database_id`; later versions address data sources instead). Notion takes
// no idempotency key: a page cut off mid-call is settled by a person, never created twice blindly.

const notionService = defineService({
  id: 'notion',
  title: 'Notion',
  docs: 'https://developers.notion.com/reference/post-page',
  baseUrl: 'https://api.notion.com',
  auth: { scheme: 'bearer' },
  secretLabel: 'Internal integration secret (ntn_… or secret_…)',
  encoding: 'json',
  headers: { 'Notion-Version': '2022-06-28' },
  runsOn: 'server',
  // Errors are `{ object: 'error', status, code, message }`.
  errorMessage: (body) => digText(body, 'message'),
  test: { method: 'GET', path: '/v1/users/me' },
});

/** Notion caps one text object at 2,000 characters. */
const TEXT_LIMIT = 2000;

/** Paragraph blocks for a page body: one per paragraph, long ones cut into Notion-sized texts. */
function paragraphs(body: string) {
  return body
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .slice(0, 100)
    .map((p) => {
      const pieces: string[] = [];
      for (let at = 0; at < p.length; at += TEXT_LIMIT) pieces.push(p.slice(at, at + TEXT_LIMIT));
      return {
        object: 'block',
        type: 'paragraph',
        paragraph: {
          rich_text: pieces.slice(0, 100).map((content) => ({ type: 'text', text: { content } })),
        },
      };
    });
}

export const notionAppendToDatabase = defineCapability({
  id: 'notion.appendToDatabase',
  title: 'Add a row to a Notion database',
  description: 'Adds a page to a Notion database: its title, other properties, and a body.',
  sideEffect: 'write',
  service: notionService,
  input: z.object({
    /** The database's id (32 hex digits, dashes optional), shared with the integration. */
    databaseId: z.string().min(1).max(100),
    title: z.string().min(1).max(TEXT_LIMIT),
    /** The name of the database's title property. */
    titleProperty: z.string().min(1).max(100).default('Name'),
    /** Other property values in Notion's own shape, e.g. `{ Status: { select: { name: 'Lead' } } }`. */
    properties: z.record(z.string().min(1).max(100), z.record(z.string(), z.unknown())).default({}),
    /** Page content; blank lines separate paragraphs. */
    body: z.string().max(100_000).optional(),
  }),
  output: z.object({ pageId: z.string(), url: z.string() }),
  idempotency: 'none',
  async call(input, { remote }) {
    const page = await remote.send(
      {
        method: 'POST',
        path: '/v1/pages',
        body: {
          parent: { database_id: input.databaseId },
          properties: {
            ...input.properties,
            [input.titleProperty]: { title: [{ type: 'text', text: { content: input.title } }] },
          },
          ...(input.body ? { children: paragraphs(input.body) } : {}),
        },
      },
      z.looseObject({ object: z.literal('page'), id: z.string(), url: z.string() }),
    );
    return { pageId: page.id, url: page.url };
  },
  preview: (input) => ({ kind: 'document', title: input.title, body: input.body ?? '' }),
});
