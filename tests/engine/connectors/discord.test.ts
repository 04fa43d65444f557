import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordStandIn } from '../../stand-ins/discord.ts';
import {
  callFlow,
  crashScenario,
  engineFor,
  runOnce,
  standardScenarios,
  type ConnectorSpec,
} from './harness.ts';

let discord: DiscordStandIn;
beforeEach(async () => (discord = await new DiscordStandIn().start()));
afterEach(() => discord.stop());

const spec: ConnectorSpec<DiscordStandIn> = {
  standIn: () => new DiscordStandIn(),
  setup: (s) => ({
    connections: { 'discord-webhook': { secret: 'DISCORD_WEBHOOK_URL' } },
    secrets: { DISCORD_WEBHOOK_URL: s.webhookUrl },
  }),
  badKey: (s) => ({
    connections: { 'discord-webhook': { secret: 'DISCORD_WEBHOOK_URL' } },
    secrets: { DISCORD_WEBHOOK_URL: s.webhookUrl.replace(s.webhookToken, 'revoked') },
  }),
  capability: 'discord.webhook',
  input: { content: 'New signup: pat@customer.test', username: 'AIOS' },
  path: /^\/api\/webhooks\//,
  applied: (s) => s.posted.length,
  rateLimited: (s) => ({ answer: s.rateLimited(2.5), waitMs: 3_000 }),
  serverError: { status: 502, body: 'Bad Gateway' },
};

describe('Discord webhook against its stand-in', () => {
  standardScenarios(
    spec,
    () => discord,
    (output, s) => {
      expect(output).toEqual({ messageId: s.posted[0]?.id, channelId: s.channelId });
      // Waited for the message, so a message Discord failed to save would be an error.
      expect(s.posted[0]).toMatchObject({ wait: true, username: 'AIOS' });
      expect(s.received[0]?.json).toMatchObject({ allowed_mentions: { parse: [] } });
    },
  );
  crashScenario(spec, () => discord);

  it("takes the wait from a 429's body when it has no Retry-After header", async () => {
    discord.failNext(spec.path, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 7.25, global: false },
    });
    const { record, events } = await runOnce(spec, discord);
    expect(record.status).toBe('succeeded');
    const retrying = events.find((e) => e.type === 'node.retrying');
    expect(retrying?.type === 'node.retrying' && retrying.delayMs).toBeGreaterThanOrEqual(7_250);
  });

  it('refuses a secret that is not a URL before sending, without repeating it', async () => {
    const notAUrl = {
      ...spec,
      setup: () => ({
        connections: spec.setup(discord).connections,
        secrets: { DISCORD_WEBHOOK_URL: 'not-a-url-s3cr3t' },
      }),
    };
    const { engine } = engineFor(notAUrl, discord);
    const run = await engine.start(callFlow(spec.capability, spec.input), spec.input);
    const record = await run.done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(/secret is not a webhook URL/);
    expect(JSON.stringify(record)).not.toContain('s3cr3t');
    expect(discord.received).toHaveLength(0);
  });
});
