import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/agents/index.ts';
import { agentFlow } from './harness/agentFlow.ts';
import { helloRequest, schemaAnswer } from './harness/llmScript.ts';
import type { AnthropicRequestBody } from './harness/testServer.ts';
import { createWorld, testSecrets, type World } from './harness/world.ts';

const request = helloRequest;

describe('model providers through the AI SDK', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  it('runs an agent on Anthropic with the key from the vault, and records tokens and cost', async () => {
    let seen: AnthropicRequestBody | undefined;
    world.server.scriptAnthropic((req) => {
      seen = req;
      const first = req.messages[0]?.content;
      const text = typeof first === 'string' ? first : String(first?.[0]?.['text']);
      return schemaAnswer([{ role: 'user', content: text }], { note: 'hi from claude' });
    });
    const run = await world
      .engine()
      .start(agentFlow({ tools: [], provider: 'claude' }), { contact: 'pat' });
    const record = await run.done;
    expect(record.result).toMatchObject({ value: { note: 'hi from claude' } });
    const call = world.server.requests.find((r) => r.path === '/anthropic/v1/messages');
    expect(call?.auth).toBe(testSecrets['ANTHROPIC_API_KEY']);
    expect(JSON.stringify(seen?.system)).toContain('You keep the CRM up to date.');
    expect(seen?.model).toBe('test-model');
    const llm = (await world.store.events(run.runId)).find((e) => e.type === 'llm.called');
    expect(llm).toMatchObject({ inputTokens: 200, outputTokens: 50, model: 'test-model' });
    expect(llm?.type === 'llm.called' && llm.costUsd).toBeCloseTo((200 * 3 + 50 * 15) / 1e6, 12);
    // The key reached the provider and nothing else.
    expect(JSON.stringify(await world.store.events(run.runId))).not.toContain('sk-ant-test');
  });

  it('talks to an OpenAI-compatible endpoint in JSON mode, with cost from its prices', async () => {
    world.server.scriptLlm(() => JSON.stringify({ hi: true }));
    const client = createLlmClient({
      local: {
        baseUrl: `${world.server.url}/llm`,
        apiKey: 'k-1',
        pricing: { input: 1, output: 2 },
      },
    });
    const answer = await client.complete(
      { ...request, provider: 'local' },
      new AbortController().signal,
    );
    expect(answer).toMatchObject({
      text: '{"hi":true}',
      usage: { inputTokens: 100, outputTokens: 40 },
      costUsd: (100 * 1 + 40 * 2) / 1e6,
    });
    const sent = world.server.requests.find((r) => r.path === '/llm/chat/completions');
    expect(sent?.auth).toBe('Bearer k-1');
    expect(sent?.body).toMatchObject({
      model: 'test-model',
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hi as JSON' },
      ],
    });
  });

  it('keeps a non-JSON answer for the repair loop instead of failing the call', async () => {
    world.server.scriptLlm(() => 'Sure! Here you go.');
    const client = createLlmClient({ local: { baseUrl: `${world.server.url}/llm` } });
    const answer = await client.complete(
      { ...request, provider: 'local' },
      new AbortController().signal,
    );
    expect(answer.text).toBe('Sure! Here you go.');
    expect(answer.usage).toEqual({ inputTokens: 100, outputTokens: 40 });
  });

  it('turns provider failures into node errors: rate limits retryable, bad keys not', async () => {
    const client = createLlmClient({ local: { baseUrl: `${world.server.url}/llm` } });
    const ask = () =>
      client.complete({ ...request, provider: 'local' }, new AbortController().signal);
    world.server.failNext(/^\/llm\//, 429);
    await expect(ask()).rejects.toMatchObject({
      code: 'llm',
      extra: { status: 429, retryable: true },
    });
    world.server.failNext(/^\/llm\//, 401);
    await expect(ask()).rejects.toMatchObject({
      code: 'llm',
      message: expect.stringMatching(/"local" answered 401/) as unknown,
      extra: { retryable: false },
    });
    await expect(
      client.complete({ ...request, provider: 'nope' }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'no-provider' });
    const unreachable = createLlmClient({ local: { baseUrl: 'http://127.0.0.1:1/v1' } });
    await expect(
      unreachable.complete({ ...request, provider: 'local' }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'network', extra: { retryable: true } });
    // One request per failure: the SDK's own retries are off, the engine's apply.
    expect(world.server.count(/^\/llm\//).requests).toBe(2);
  });

  it('refuses a provider whose named key is not in the vault', async () => {
    const client = createLlmClient(
      { claude: { kind: 'anthropic', secret: 'MISSING_KEY' } },
      { secrets: { get: () => Promise.resolve(undefined) } },
    );
    await expect(
      client.complete({ ...request, provider: 'claude' }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'no-secret', extra: { path: 'secrets.MISSING_KEY' } });
  });
});
