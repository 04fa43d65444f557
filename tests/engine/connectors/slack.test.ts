import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../stand-ins/slack.ts';
import { crashScenario, runOnce, standardScenarios, type ConnectorSpec } from './harness.ts';

let slack: SlackStandIn;
beforeEach(async () => (slack = await new SlackStandIn().start()));
afterEach(() => slack.stop());

const api: ConnectorSpec<SlackStandIn> = {
  standIn: () => new SlackStandIn(),
  setup: (s) => ({
    connections: { slack: { baseUrl: `${s.url}/api`, secret: 'SLACK_BOT_TOKEN' } },
    secrets: { SLACK_BOT_TOKEN: s.token },
  }),
  badKey: (s) => ({
    connections: { slack: { baseUrl: `${s.url}/api`, secret: 'SLACK_BOT_TOKEN' } },
    secrets: { SLACK_BOT_TOKEN: 'xoxb-revoked' },
  }),
  capability: 'slack.postMessage',
  input: { channel: 'C0123456789', text: 'Invoice INV-7 is paid.' },
  path: /^\/api\/chat\.postMessage$/,
  applied: (s) => s.posted.length,
  rateLimited: (s) => ({ answer: s.rateLimited(30), waitMs: 30_000 }),
  serverError: { status: 500, body: 'Internal Server Error' },
};

const webhook: ConnectorSpec<SlackStandIn> = {
  ...api,
  setup: (s) => ({
    connections: { 'slack-webhook': { secret: 'SLACK_WEBHOOK_URL' } },
    secrets: { SLACK_WEBHOOK_URL: s.webhookUrl },
  }),
  badKey: (s) => ({
    connections: { 'slack-webhook': { secret: 'SLACK_WEBHOOK_URL' } },
    secrets: { SLACK_WEBHOOK_URL: s.webhookUrl.replace(s.hookSecret, 'rotatedSecret') },
  }),
  capability: 'slack.webhook',
  input: { text: 'Deploy finished.' },
  path: /^\/services\//,
  rateLimited: (s) => ({ answer: s.webhookRateLimited(5), waitMs: 5_000 }),
  // A webhook URL with a rotated secret answers 403 `invalid_token`.
  refused: { status: 403, message: /\(403\): invalid_token/ },
};

describe('Slack chat.postMessage against its stand-in', () => {
  standardScenarios(
    api,
    () => slack,
    (output, s) => {
      expect(output).toEqual({ channel: 'C0123456789', ts: s.posted[0]?.ts });
      const [request] = s.received;
      expect(request?.headers['authorization']).toBe(`Bearer ${s.token}`);
      expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(request?.json).toEqual({ channel: 'C0123456789', text: 'Invoice INV-7 is paid.' });
    },
  );
  crashScenario(api, () => slack);

  it("reads HTTP 200 with ok:false as the refusal it is, naming Slack's error", async () => {
    const { record, effects } = await runOnce(api, slack, 'good', {
      channel: 'C9999999999',
      text: 'Hello',
    });
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /Slack answered POST \/chat\.postMessage with 400: channel_not_found/,
    );
    // Refused, so it did not happen: no question to settle, no retry.
    expect(effects[0]?.status).toBe('failed');
    expect(slack.to(api.path)).toHaveLength(1);
  });
});

describe('Slack incoming webhook against its stand-in', () => {
  standardScenarios(
    webhook,
    () => slack,
    (output, s) => {
      expect(output).toEqual({ delivered: true });
      expect(s.posted).toEqual([
        { channel: 'C0123456789', text: 'Deploy finished.', ts: '', via: 'webhook' },
      ]);
      expect(s.received[0]?.headers['authorization']).toBeUndefined();
    },
  );
  crashScenario(webhook, () => slack);
});
