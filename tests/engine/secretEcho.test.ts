import fc from 'fast-check';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/canvas/debug/bundle.ts';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { SecretVault } from '../../src/secrets/index.ts';
import { createHost } from '../../src/worker/host.ts';
import { valueOf, type StreamMessage } from '../../src/protocol/index.ts';
import type { HostApi } from '../../src/worker/protocol.ts';
import { MemorySettings } from '../../src/worker/settings.ts';
import { agentFlow } from './harness/agentFlow.ts';
import { echoCapability, oneCall } from './harness/echoFlow.ts';
import { schemaAnswer, systemOf, toolCalls, toolResultsOf } from './harness/llmScript.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';

const CANARY = 'canary-9f8e7d6c5b4a3921';

const LLM_CANARY = 'llm-key-0a1b2c3d4e5f6789';

/** A user-defined capability calling `path` on the test server, signed in with a vault secret. */
describe('remotes that echo a secret write it nowhere', () => {
  let server: TestServer;
  let vault: SecretVault;
  let store: MemoryStore;
  let host: HostApi;
  const seen: StreamMessage[] = [];

  beforeAll(async () => {
    server = await new TestServer().start();
    vault = new SecretVault(
      `aios-secrets-${crypto.randomUUID()}`,
      { indexedDB, IDBKeyRange },
      undefined,
      1_000,
    );
    await vault.set('ECHO_API_KEY', CANARY);
    await vault.set('LLM_API_KEY', LLM_CANARY);
    store = new MemoryStore();
    const settings = new MemorySettings();
    await settings.save(
      {
        providers: {
          default: {
            kind: 'openai-compatible',
            baseUrl: `${server.url}/llm`,
            secret: 'LLM_API_KEY',
          },
        },
        connections: {},
      },
      1,
    );
    host = createHost({ store, fetch, clock: new ManualClock(), vault, settings });
    await host.ready();
    await host.subscribe((m) => void seen.push(m));
  });
  afterAll(async () => {
    vault.close();
    await server.stop();
  });

  /** Runs a flow to its end through the host, as the page does. */
  async function run(doc: unknown, input: unknown = {}) {
    // What the page was shown is checked per run: an earlier run's messages hold other values.
    seen.length = 0;
    const started = await host.start({ flow: doc, input });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    return until(async () => {
      const record = await valueOf(host.run({ runId }));
      return record?.finishedAt ? record : undefined;
    }, `run ${runId} to end`);
  }

  /** Everything kept or shown of a run: events, ledger, record, checkpoints, the run file, live messages. */
  async function everything(runId: string): Promise<string> {
    const events = await valueOf(host.events({ runId }));
    const record = await valueOf(host.run({ runId }));
    return JSON.stringify([
      events,
      await store.effects(runId),
      record,
      await store.checkpoints(runId, { from: 0, to: Number.MAX_SAFE_INTEGER }),
      await store.approvals({ runId }),
      record ? makeBundle(record, events) : null,
      seen,
    ]);
  }

  const forms = (secret: string) => [secret, btoa(secret), encodeURIComponent(secret)];

  it('masks a 200 answer that echoes the Authorization header', async () => {
    const record = await run(oneCall(echoCapability(server.url, 'echo.ok', '/echo/ok')));
    expect(record.status).toBe('succeeded');
    // The remote did get the real header, and did echo it.
    expect(server.requests.at(-1)?.auth).toBe(`Bearer ${CANARY}`);
    const text = await everything(record.id);
    expect(text).toContain('Bearer [secret ECHO_API_KEY]');
    for (const form of forms(CANARY)) expect(text).not.toContain(form);
  });

  it('masks a 401 page quoting a Basic credential, in the error of every event and the record', async () => {
    const record = await run(
      oneCall(echoCapability(server.url, 'echo.denied', '/echo/unauthorized', 'basic')),
    );
    expect(record.status).toBe('failed');
    expect(server.requests.at(-1)?.auth).toBe(`Basic ${btoa(CANARY)}`);
    const text = await everything(record.id);
    expect(text).toMatch(/invalid credentials: Basic \[secret ECHO_API_KEY\]/);
    for (const form of forms(CANARY)) expect(text).not.toContain(form);
  });

  it('masks a model that repeats its system prompt and the key it was called with, streamed too', async () => {
    server.scriptLlm((req, _call, auth) =>
      schemaAnswer(req.messages, { note: `${systemOf(req.messages)} / my key: ${auth ?? ''}` }),
    );
    // One piece, so the first progress update (the clock stands still) holds the whole answer.
    server.streaming = { chunks: 1, delayMs: 0 };
    const record = await run(agentFlow({ tools: [] }), { contact: 'pat@customer.test' });
    server.streaming = { chunks: 4, delayMs: 0 };
    expect(record.status).toBe('succeeded');
    const text = await everything(record.id);
    expect(text).toContain('my key: Bearer [secret LLM_API_KEY]');
    // It streamed (someone listens), and the progress shown was masked as well.
    expect(
      seen.some((m) => m.kind === 'progress' && m.progress.text.includes('[secret LLM_API_KEY]')),
    ).toBe(true);
    for (const form of forms(LLM_CANARY)) expect(text).not.toContain(form);
  });

  it('masks a tool that returns its request headers, in the tool result and the answer built on it', async () => {
    server.scriptLlm((req) =>
      toolResultsOf(req.messages).length === 0
        ? toolCalls({ name: 'echo_tool', args: {} })
        : schemaAnswer(req.messages, { note: JSON.stringify(toolResultsOf(req.messages)) }),
    );
    const doc = agentFlow({
      tools: ['echo.tool'],
      capabilities: [echoCapability(server.url, 'echo.tool', '/echo/ok')],
    });
    const record = await run(doc, { contact: 'pat@customer.test' });
    expect(record.status).toBe('succeeded');
    const text = await everything(record.id);
    expect(text).toContain('[secret ECHO_API_KEY]');
    for (const form of forms(CANARY)) expect(text).not.toContain(form);
  });

  it('finds a canary planted anywhere in any answer nowhere in the record', async () => {
    const canary = fc.stringMatching(/^[A-Za-z0-9+/=&_-]{8,40}$/);
    const encoding = fc.constantFrom('raw', 'bearer', 'base64', 'basic', 'url');
    const spot = fc.record({
      path: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
      encoding,
      before: fc.string({ maxLength: 8 }),
      after: fc.string({ maxLength: 8 }),
      asKey: fc.boolean(),
    });
    const plan = fc.record({
      canary,
      user: fc.string({ maxLength: 8 }).filter((u) => !u.includes(':')),
      shape: fc.jsonValue({ maxDepth: 3 }),
      spots: fc.array(spot, { minLength: 1, maxLength: 5 }),
      status: fc.constantFrom(200, 200, 400, 401, 500),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(plan, async ({ canary, user, shape, spots, status }) => {
        const encode = (how: string) =>
          how === 'bearer'
            ? `Bearer ${canary}`
            : how === 'base64'
              ? btoa(canary)
              : how === 'basic'
                ? `Basic ${btoa(`${user}:${canary}`)}`
                : how === 'url'
                  ? encodeURIComponent(canary)
                  : canary;
        const body: Record<string, unknown> = { shape };
        const planted: string[] = [];
        for (const s of spots) {
          const text = `${s.before}${encode(s.encoding)}${s.after}`;
          planted.push(encode(s.encoding));
          let at = body;
          for (const part of s.path.slice(0, -1)) {
            const next = at[part];
            at = (at[part] =
              next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<
              string,
              unknown
            >;
          }
          const last = s.path.at(-1) ?? 'x';
          if (s.asKey) at[text] = last;
          else at[last] = text;
        }
        const path = `/plant/${++n}`;
        server.route(path, status, body);
        await vault.set('PLANT_API_KEY', canary);
        const record = await run(
          oneCall(echoCapability(server.url, 'plant.call', path, 'bearer', 'PLANT_API_KEY')),
        );
        const text = await everything(record.id);
        expect(text).not.toContain(canary);
        for (const form of planted) expect(text).not.toContain(form);
      }),
      { numRuns: 40 },
    );
    // Forty real runs over HTTP: more than the default 5 s on a loaded machine.
  }, 60_000);
});
