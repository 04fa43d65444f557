import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { createHost } from '../../src/worker/host.ts';
import type { HostApi } from '../../src/worker/protocol.ts';
import { ModelListServer } from './harness/modelListServer.ts';

const KEYS = { openai: 'sk-proj-GOOD-1111', anthropic: 'sk-ant-GOOD-2222', openrouter: 'sk-or-3' };
const vault: Record<string, string> = {
  OPENAI_KEY: KEYS.openai,
  OPENAI_OLD: 'sk-proj-REVOKED-9999',
  ANTHROPIC_KEY: KEYS.anthropic,
  ANTHROPIC_OLD: 'sk-ant-REVOKED-8888',
  OPENROUTER_KEY: KEYS.openrouter,
};

describe('a provider test call through the worker host (model list)', () => {
  let server: ModelListServer;
  let host: HostApi;
  beforeAll(async () => (server = await new ModelListServer(KEYS).start()));
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    host = createHost({
      store: new MemoryStore(),
      fetch,
      clock: new ManualClock(),
      secrets: { get: (name) => Promise.resolve(vault[name]) },
    });
  });

  it('lists OpenAI models with the bearer key from the vault', async () => {
    const answer = await host.providerModels({
      name: 'default',
      provider: { preset: 'openai', baseUrl: `${server.url}/openai/v1/`, secret: 'OPENAI_KEY' },
    });
    expect(answer.ok && answer.value.models.map((m) => m.id)).toEqual(['gpt-4o-mini', 'gpt-4o']);
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/openai/v1/models', `Bearer ${KEYS.openai}`],
    ]);
  });

  it('says the OpenAI key was refused on a 401, without the key in the words', async () => {
    const answer = await host.providerModels({
      name: 'default',
      provider: { preset: 'openai', baseUrl: `${server.url}/openai/v1`, secret: 'OPENAI_OLD' },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'key-refused' } });
    const message = answer.ok ? '' : answer.error.message;
    expect(message).toMatch(/^the key was refused: OpenAI answered 401: Incorrect API key/);
    expect(message).not.toContain('REVOKED');
  });

  it('lists Anthropic models page by page with x-api-key and anthropic-version', async () => {
    const answer = await host.providerModels({
      name: 'claude',
      provider: {
        preset: 'anthropic',
        kind: 'anthropic',
        baseUrl: `${server.url}/anthropic/v1`,
        secret: 'ANTHROPIC_KEY',
      },
    });
    expect(answer.ok && answer.value.models).toEqual([
      { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5' },
      { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5' },
      { id: 'claude-opus-4-1', name: 'Claude Opus 4.1' },
    ]);
    const paths = server.requests.map((r) => new URL(r.path, server.url).pathname);
    expect(paths).toEqual(['/anthropic/v1/models', '/anthropic/v1/models']);
    expect(server.requests.every((r) => r.headers['x-api-key'] === KEYS.anthropic)).toBe(true);
    expect(server.requests.every((r) => r.headers['anthropic-version'] === '2023-06-01')).toBe(
      true,
    );
    expect(server.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("reports Anthropic's authentication_error as a refused key", async () => {
    const answer = await host.providerModels({
      name: 'claude',
      provider: {
        preset: 'anthropic',
        kind: 'anthropic',
        baseUrl: `${server.url}/anthropic/v1`,
        secret: 'ANTHROPIC_OLD',
      },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'key-refused',
        message: 'the key was refused: Anthropic answered 401: invalid x-api-key',
      },
    });
  });

  it('takes prices from an OpenRouter list, per million tokens', async () => {
    const answer = await host.providerModels({
      name: 'router',
      provider: {
        preset: 'openrouter',
        baseUrl: `${server.url}/openrouter/api/v1`,
        secret: 'OPENROUTER_KEY',
      },
    });
    expect(answer.ok && answer.value.models).toEqual([
      {
        id: 'openai/gpt-4o-mini',
        name: 'OpenAI: GPT-4o-mini',
        price: { input: 0.15, output: 0.6 },
      },
    ]);
  });

  it('says plainly when nothing answers, when there is no list, or no key was chosen', async () => {
    const closed = await new ModelListServer(KEYS).start();
    const gone = closed.url;
    await closed.stop();
    const unreachable = await host.providerModels({
      name: 'local',
      provider: { preset: 'ollama', baseUrl: `${gone}/v1` },
    });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(unreachable.ok ? '' : unreachable.error.message).toContain(
      'this service may need the workspace server',
    );

    const wrongBase = await host.providerModels({
      name: 'local',
      provider: { preset: 'custom', baseUrl: `${server.url}/nowhere` },
    });
    expect(wrongBase).toMatchObject({ ok: false, error: { code: 'no-model-list' } });

    const before = server.requests.length;
    const noKey = await host.providerModels({ name: 'default', provider: { preset: 'groq' } });
    expect(noKey).toMatchObject({
      ok: false,
      error: { code: 'key-refused', message: 'Groq needs an API key: pick or add one' },
    });
    expect(server.requests.length).toBe(before);

    const missing = await host.providerModels({
      name: 'default',
      provider: { preset: 'openai', baseUrl: `${server.url}/openai/v1`, secret: 'NOT_THERE' },
    });
    expect(missing.ok ? '' : missing.error.message).toMatch(/"NOT_THERE" .* not in this browser/);
  });

  it('tests a service connection: reached with the key, refused, or unreachable', async () => {
    const good = await host.testConnection({
      baseUrl: `${server.url}/service`,
      secret: 'OPENAI_KEY',
      path: '/health',
    });
    expect(good).toMatchObject({ ok: true, value: { status: 200 } });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
    const refused = await host.testConnection({
      baseUrl: `${server.url}/service`,
      secret: 'OPENAI_OLD',
      path: '/health',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'key-refused' } });
    const bad = await host.testConnection({ baseUrl: 'ftp://x.test', path: '' });
    expect(bad).toMatchObject({ ok: false, error: { path: 'baseUrl' } });
  });
});
