import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotionStandIn } from '../../stand-ins/notion.ts';
import { crashScenario, runOnce, standardScenarios, type ConnectorSpec } from './harness.ts';

let notion: NotionStandIn;
beforeEach(async () => (notion = await new NotionStandIn().start()));
afterEach(() => notion.stop());

const connect = (s: NotionStandIn, token: string) => ({
  connections: { notion: { baseUrl: s.url, secret: 'NOTION_TOKEN' } },
  secrets: { NOTION_TOKEN: token },
});

const spec: ConnectorSpec<NotionStandIn> = {
  standIn: () => new NotionStandIn(),
  setup: (s) => connect(s, s.token),
  badKey: (s) => connect(s, 'ntn_revoked'),
  capability: 'notion.appendToDatabase',
  input: {
    databaseId: '0f3c9a2e6b1d4c8e9a7f2d5e8b1c4a90',
    title: 'Pat Customer',
    titleProperty: 'Client',
    properties: { Stage: { select: { name: 'Lead' } } },
    body: 'Met at the fair.\n\nWants the annual plan.',
  },
  path: /^\/v1\/pages$/,
  applied: (s) => s.pages.length,
  rateLimited: (s) => ({ answer: s.rateLimited(4), waitMs: 4_000 }),
  serverError: {
    status: 500,
    body: {
      object: 'error',
      status: 500,
      code: 'internal_server_error',
      message: 'Unexpected error occurred.',
    },
  },
};

describe('Notion database row against its stand-in', () => {
  standardScenarios(
    spec,
    () => notion,
    (output, s) => {
      const [page] = s.pages;
      expect(output).toEqual({
        pageId: page?.id,
        url: `https://www.notion.so/${page?.id.replaceAll('-', '')}`,
      });
      expect(page?.properties).toEqual({
        Stage: { select: { name: 'Lead' } },
        Client: { title: [{ type: 'text', text: { content: 'Pat Customer' } }] },
      });
      expect(page?.children).toHaveLength(2);
      expect(s.received[0]?.headers['notion-version']).toBe('2022-06-28');
    },
  );
  crashScenario(spec, () => notion);

  it("names Notion's message for a database not shared with the integration", async () => {
    const { record } = await runOnce(spec, notion, 'good', {
      ...spec.input,
      databaseId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /Notion answered POST \/v1\/pages with 404: Could not find database/,
    );
  });
});
