import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, type Connection } from '../../src/engine/index.ts';
import { flow, link, node } from '../unit/build.ts';
import { DiscordStandIn } from '../stand-ins/discord.ts';
import { GitHubStandIn } from '../stand-ins/github.ts';
import { HubSpotStandIn } from '../stand-ins/hubspot.ts';
import type { Loopback } from '../stand-ins/loopback.ts';
import { NotionStandIn } from '../stand-ins/notion.ts';
import { SlackStandIn } from '../stand-ins/slack.ts';
import { bareEngine } from './harness/bareEngine.ts';
import { callFlow } from './connectors/harness.ts';
import { until } from './harness/world.ts';

// The connectors run on the workspace server, whose engine has no masking store: a secret they
// put in an error, an event or the ledger would be kept as is. So each runs here on a bare engine
// (no masking at all), with a good key, a refused key and a dead address, and no form of any
// secret may appear in anything the run keeps.

const slack = new SlackStandIn();
const discord = new DiscordStandIn();
const hubspot = new HubSpotStandIn();
const notion = new NotionStandIn();
const github = new GitHubStandIn();
const standIns: Loopback[] = [slack, discord, hubspot, notion, github];
beforeAll(async () => {
  await Promise.all(standIns.map((s) => s.start()));
  hubspot.contacts.set('pat@customer.test', { id: '101', properties: {} });
});
afterAll(() => Promise.all(standIns.map((s) => s.stop())));

interface Case {
  readonly capability: string;
  readonly input: Record<string, unknown>;
  readonly service: string;
  /** The connection and the secret value it names, given the secret to use. */
  readonly connection: (secret: string) => Connection;
  readonly good: () => string;
  /** A refused secret that still reaches the stand-in (a rotated token, a revoked webhook). */
  readonly bad: () => string;
  /** The secret for an address nobody answers (for URL secrets, the URL itself). */
  readonly dead: () => string;
  readonly deadConnection?: (secret: string) => Connection;
}

const DEAD = 'http://127.0.0.1:9';
const cases: Case[] = [
  {
    capability: 'slack.postMessage',
    input: { channel: 'C0123456789', text: 'hello' },
    service: 'slack',
    connection: () => ({ baseUrl: `${slack.url}/api`, secret: 'CANARY' }),
    good: () => slack.token,
    bad: () => 'xoxb-canary-revoked-5f4e3d2c1b',
    dead: () => 'xoxb-canary-dead-9a8b7c6d5e',
    deadConnection: () => ({ baseUrl: DEAD, secret: 'CANARY' }),
  },
  {
    capability: 'slack.webhook',
    input: { text: 'hello' },
    service: 'slack-webhook',
    connection: () => ({ secret: 'CANARY' }),
    good: () => slack.webhookUrl,
    bad: () => `${slack.url}/services/T0001/B0001/canaryRotated7f6e5d`,
    dead: () => `${DEAD}/services/T0001/B0001/canaryDead3c2b1a`,
  },
  {
    capability: 'discord.webhook',
    input: { content: 'hello' },
    service: 'discord-webhook',
    connection: () => ({ secret: 'CANARY' }),
    good: () => discord.webhookUrl,
    bad: () => `${discord.url}/api/webhooks/${discord.webhookId}/canaryRevoked0a9b8c`,
    dead: () => `${DEAD}/api/webhooks/1/canaryDead4d5e6f`,
  },
  {
    capability: 'hubspot.logNote',
    input: { contactId: '101', body: 'hello' },
    service: 'hubspot',
    connection: () => ({ baseUrl: hubspot.url, secret: 'CANARY' }),
    good: () => hubspot.token,
    bad: () => 'pat-na1-canary-revoked-77aa',
    dead: () => 'pat-na1-canary-dead-88bb',
    deadConnection: () => ({ baseUrl: DEAD, secret: 'CANARY' }),
  },
  {
    capability: 'notion.appendToDatabase',
    input: { databaseId: notion.database.id, title: 'hello', titleProperty: 'Client' },
    service: 'notion',
    connection: () => ({ baseUrl: notion.url, secret: 'CANARY' }),
    good: () => notion.token,
    bad: () => 'ntn_canary_revoked_99cc',
    dead: () => 'ntn_canary_dead_00dd',
    deadConnection: () => ({ baseUrl: DEAD, secret: 'CANARY' }),
  },
  {
    capability: 'github.createIssue',
    input: { owner: 'acme', repo: 'shop', title: 'hello' },
    service: 'github',
    connection: () => ({ baseUrl: github.url, secret: 'CANARY' }),
    good: () => github.token,
    bad: () => 'github_pat_canary_revoked_11ee',
    dead: () => 'github_pat_canary_dead_22ff',
    deadConnection: () => ({ baseUrl: DEAD, secret: 'CANARY' }),
  },
];

/** A secret in every form it could be kept in. */
const forms = (secret: string) => {
  const out = [
    secret,
    encodeURIComponent(secret),
    btoa(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  // The distinctive tail of a URL secret (its token part) on its own, too.
  const tail = secret.split('/').at(-1);
  return tail && tail !== secret ? [...out, tail] : out;
};

/** Runs one call without retries; an outcome question a dead address leaves is answered "no". */
async function keptOf(
  c: Case,
  secret: string,
  connection: Connection,
): Promise<{ kept: string; status: string }> {
  const store = new MemoryStore();
  const engine = bareEngine({
    store,
    connections: { [c.service]: connection },
    secrets: { CANARY: secret },
  });
  const once = callFlow(c.capability, c.input);
  const doc = flow(
    once.id,
    [
      node('start', 'start'),
      node('call', 'capability', { ...once.nodes[1]!.data, retry: undefined }),
      node('end', 'output'),
    ],
    [link('start', 'call'), link('call', 'end')],
  );
  const run = await engine.start(doc, c.input);
  const settled = (async () => {
    const ask = await until(async () => {
      const r = await store.getRun(run.runId);
      if (r?.finishedAt) return null;
      return (await engine.pendingApprovals(run.runId)).find((p) => p.request.reason === 'outcome');
    }, 'the run to end or ask');
    if (ask) await engine.decide(ask.key, { decision: 'rejected' });
  })();
  const record = await run.done;
  await settled;
  const kept = JSON.stringify([
    await store.events(run.runId),
    await store.effects(run.runId),
    record,
    await store.checkpoints(run.runId, { from: 0, to: Number.MAX_SAFE_INTEGER }),
    await store.approvals({ runId: run.runId }),
  ]);
  return { kept, status: record.status };
}

describe.each(cases)('$capability keeps no form of its secret', (c) => {
  it('with a good key', async () => {
    const { kept, status } = await keptOf(c, c.good(), c.connection(c.good()));
    expect(status).toBe('succeeded');
    for (const form of forms(c.good())) expect(kept).not.toContain(form);
  });

  it('with a refused key', async () => {
    const { kept, status } = await keptOf(c, c.bad(), c.connection(c.bad()));
    expect(status).toBe('failed');
    for (const form of forms(c.bad())) expect(kept).not.toContain(form);
  });

  it('at an address nobody answers', async () => {
    const { kept, status } = await keptOf(
      c,
      c.dead(),
      (c.deadConnection ?? c.connection)(c.dead()),
    );
    expect(status).toBe('failed');
    expect(kept).toMatch(/did not answer/);
    for (const form of forms(c.dead())) expect(kept).not.toContain(form);
  });
});
