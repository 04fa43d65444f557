import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/agents/index.ts';
import type { RunProgress } from '../../src/engine/index.ts';
import { agentFlow } from './harness/agentFlow.ts';
import { helloRequest, schemaAnswer, toolCalls } from './harness/llmScript.ts';
import { createWorld, type World } from './harness/world.ts';

const request = { provider: 'local', ...helloRequest };

describe('streamed model answers', () => {
  let world: World;
  beforeEach(async () => (world = await createWorld()));
  afterEach(() => world.server.stop());

  it('hands the text over piece by piece and answers as without streaming', async () => {
    const answer = JSON.stringify({ greeting: 'hello there, how are you today?' });
    world.server.scriptLlm(() => answer);
    const client = createLlmClient({
      local: { baseUrl: `${world.server.url}/llm`, pricing: { input: 1, output: 2 } },
    });
    const deltas: string[] = [];
    const response = await client.complete(request, new AbortController().signal, (d) =>
      deltas.push(d),
    );
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join('')).toBe(answer);
    expect(response).toMatchObject({
      text: answer,
      toolCalls: [],
      usage: { inputTokens: 100, outputTokens: 40 },
      costUsd: (100 * 1 + 40 * 2) / 1e6,
    });
    const sent = world.server.requests.find((r) => r.path === '/llm/chat/completions');
    expect(sent?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('keeps a streamed answer that is not JSON, for the repair loop', async () => {
    world.server.scriptLlm(() => 'Sure! Here you go, no JSON today.');
    const client = createLlmClient({ local: { baseUrl: `${world.server.url}/llm` } });
    const response = await client.complete(request, new AbortController().signal, () => undefined);
    expect(response.text).toBe('Sure! Here you go, no JSON today.');
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 40 });
  });

  it('streams from Anthropic too, with its usage', async () => {
    const answer = JSON.stringify({ note: 'hi from a streaming claude' });
    world.server.scriptAnthropic(() => answer);
    const client = createLlmClient(
      { claude: { kind: 'anthropic', baseUrl: `${world.server.url}/anthropic/v1`, apiKey: 'k' } },
      {},
    );
    const deltas: string[] = [];
    const response = await client.complete(
      { ...request, provider: 'claude' },
      new AbortController().signal,
      (d) => deltas.push(d),
    );
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join('')).toBe(answer);
    expect(response).toMatchObject({ text: answer, usage: { inputTokens: 200, outputTokens: 50 } });
    const sent = world.server.requests.find((r) => r.path === '/anthropic/v1/messages');
    expect(sent?.body).toMatchObject({ stream: true });
  });

  it('streams tool calls back to the caller', async () => {
    world.server.scriptLlm(() => toolCalls({ name: 'crm_find', args: { email: 'a@b.test' } }));
    const client = createLlmClient({ local: { baseUrl: `${world.server.url}/llm` } });
    const response = await client.complete(
      {
        ...request,
        tools: [
          {
            name: 'crm_find',
            description: 'Finds a contact',
            inputSchema: { type: 'object', properties: { email: { type: 'string' } } },
          },
        ],
      },
      new AbortController().signal,
      () => undefined,
    );
    expect(response.toolCalls).toEqual([
      { id: 'call_1', name: 'crm_find', input: { email: 'a@b.test' } },
    ]);
  });

  it('turns a failed streamed call into a node error: a 500 is worth a retry, a 401 not', async () => {
    const client = createLlmClient({ local: { baseUrl: `${world.server.url}/llm` } });
    const ask = () => client.complete(request, new AbortController().signal, () => undefined);
    world.server.failNext(/^\/llm\//, 500);
    await expect(ask()).rejects.toMatchObject({
      code: 'llm',
      extra: { status: 500, retryable: true },
    });
    world.server.failNext(/^\/llm\//, 401);
    await expect(ask()).rejects.toMatchObject({ code: 'llm', extra: { retryable: false } });
    const unreachable = createLlmClient({ local: { baseUrl: 'http://127.0.0.1:1/v1' } });
    await expect(
      unreachable.complete(request, new AbortController().signal, () => undefined),
    ).rejects.toMatchObject({ code: 'network', extra: { retryable: true } });
    expect(world.server.count(/^\/llm\//).requests).toBe(2);
  });

  it("shows an agent's answer as it arrives, throttled, and keeps it out of the log", async () => {
    world.server.scriptLlm((req) =>
      schemaAnswer(req.messages, { note: 'a note long enough to come in several pieces' }),
    );
    world.server.streaming = { chunks: 6, delayMs: 0 };
    const engine = world.engine();
    const seen: RunProgress[] = [];
    const off = engine.onProgress((p) => void seen.push(p));
    const run = await engine.start(agentFlow({ tools: [] }), { contact: 'pat' });
    const record = await run.done;
    off();
    expect(record.status).toBe('succeeded');
    const sent = world.server.requests.find((r) => r.path === '/llm/chat/completions');
    expect(sent?.body).toMatchObject({ stream: true });
    // The clock stood still: the first piece went out, the rest waited for their turn and were
    // dropped when the node finished.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ runId: run.runId, node: 'agent' });
    expect(seen[0]!.text.length).toBeGreaterThan(0);
    const events = await world.store.events(run.runId);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['run.started', 'node.started', 'node.succeeded', 'llm.called', 'run.succeeded']),
    );
    expect(JSON.stringify(events)).not.toContain(JSON.stringify(seen[0]!.text));
  });

  it('sends the latest text when its turn comes, and nothing after the node finished', async () => {
    world.server.scriptLlm((req) => schemaAnswer(req.messages, { note: 'slowly, piece by piece' }));
    world.server.streaming = { chunks: 5, delayMs: 30 };
    const engine = world.engine();
    const seen: RunProgress[] = [];
    engine.onProgress((p) => void seen.push(p));
    // The clock moves 10 ms every 5 ms of real time, so held-back pieces get their turn.
    const timer = setInterval(() => world.clock.advance(10), 5);
    try {
      const run = await engine.start(agentFlow({ tools: [] }), { contact: 'pat' });
      await run.done;
    } finally {
      clearInterval(timer);
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.text.startsWith(seen[i - 1]!.text)).toBe(true);
    const count = seen.length;
    world.clock.advance(1_000);
    expect(seen).toHaveLength(count);
  });

  it('does not stream when no one watches', async () => {
    world.server.scriptLlm((req) => schemaAnswer(req.messages));
    const run = await world.engine().start(agentFlow({ tools: [] }), { contact: 'pat' });
    expect((await run.done).status).toBe('succeeded');
    const sent = world.server.requests.find((r) => r.path === '/llm/chat/completions');
    expect(sent?.body).not.toMatchObject({ stream: true });
  });
});
