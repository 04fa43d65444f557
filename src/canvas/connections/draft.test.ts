import { describe, expect, it } from 'vitest';
import { checkDraft, freeName, fromPreset, issuesAt, presetOfConfig, renameKey } from './draft.ts';
import { genericConnectionFields, serviceDescriptors, serviceFor } from './services.ts';

describe('the Connections draft', () => {
  it('reads settings from before presets as the preset they behave as', () => {
    expect(presetOfConfig({ kind: 'anthropic', secret: 'K' })).toBe('anthropic');
    expect(presetOfConfig({})).toBe('openai');
    expect(presetOfConfig({ baseUrl: 'http://127.0.0.1:11434/v1' })).toBe('custom');
    expect(presetOfConfig({ preset: 'groq' })).toBe('groq');
  });

  it('starts a provider from its preset, keeping the key, with list prices', () => {
    expect(fromPreset('anthropic', { secret: 'ANTHROPIC_KEY', baseUrl: 'http://x.test' })).toEqual({
      kind: 'anthropic',
      preset: 'anthropic',
      secret: 'ANTHROPIC_KEY',
      models: expect.objectContaining({
        'claude-sonnet-4-5': { input: 3, output: 15 },
      }) as unknown,
    });
    expect(fromPreset('ollama')).toEqual({
      kind: 'openai-compatible',
      preset: 'ollama',
      baseUrl: 'http://localhost:11434/v1',
      models: {},
    });
    const started = checkDraft({ providers: { default: fromPreset('custom') }, connections: {} });
    expect(started.ok ? [] : started.issues).toEqual([
      {
        path: 'providers.default.baseUrl',
        message: 'Other OpenAI-compatible URL needs its base URL (up to /v1)',
      },
    ]);
  });

  it('names every field that does not parse, and finds them under a path', () => {
    const checked = checkDraft({
      providers: { default: { preset: 'openai', models: { 'gpt-4o': { input: -1, output: 1 } } } },
      connections: { mail: { baseUrl: 'mailto:me' } },
    });
    expect(checked.ok).toBe(false);
    const issues = checked.ok ? [] : checked.issues;
    expect(issues.map((i) => i.path)).toEqual([
      'providers.default.models.gpt-4o.input',
      'connections.mail.baseUrl',
    ]);
    expect(issuesAt(issues, 'providers.default').map((i) => i.path)).toEqual([
      'providers.default.models.gpt-4o.input',
    ]);
    expect(issuesAt(issues, 'providers.def')).toEqual([]);
  });

  it('names and renames providers without losing their order', () => {
    expect(freeName([])).toBe('default');
    expect(freeName(['default', 'default-2'])).toBe('default-3');
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'z'))).toEqual(['a', 'z', 'c']);
  });

  it('offers the real services first and our generic JSON dialect last', () => {
    const titles = serviceDescriptors.map((s) => s.title);
    const firstGeneric = titles.findIndex((t) => t.includes('(generic JSON API)'));
    expect(firstGeneric).toBeGreaterThan(0);
    expect(titles.slice(firstGeneric).every((t) => t.includes('(generic JSON API)'))).toBe(true);
    expect(titles.slice(0, firstGeneric)).toContain('Stripe');
  });

  it('draws unknown connections as generic ones, checked by the same schema', () => {
    expect(serviceFor('billing').title).toBe('Billing (generic JSON API)');
    expect(serviceFor('ledger').fields).toBe(genericConnectionFields);
    const bad = genericConnectionFields.safeParse({ baseUrl: 'ftp://x' });
    expect(bad.success ? '' : bad.error.issues[0]?.message).toBe(
      'a web address starting with http:// or https://',
    );
  });
});
