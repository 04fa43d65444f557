import { describe, expect, it } from 'vitest';
import { costOf } from '../../src/agents/providers.ts';
import {
  baseUrlOf,
  presetIds,
  presetList,
  presetOf,
  providerConfigSchema,
  runtimeSettingsSchema,
} from '../../src/protocol/index.ts';

describe('provider presets and the provider settings schema', () => {
  it('offers every preset the Connections view names, each with a usable endpoint', () => {
    expect(presetList.map((p) => p.title)).toEqual([
      'OpenAI',
      'Anthropic',
      'Google Gemini',
      'OpenRouter',
      'Groq',
      'Mistral',
      'Ollama',
      'LM Studio',
      'Other OpenAI-compatible URL',
    ]);
    for (const preset of presetList) {
      if (preset.id === 'custom') expect(preset.baseUrl).toBe('');
      else expect(() => new URL(preset.baseUrl)).not.toThrow();
      expect(preset.baseUrl).not.toMatch(/\/$/);
      // Local servers need no key; hosted services do.
      expect(preset.needsKey).toBe(!['ollama', 'lmstudio', 'custom'].includes(preset.id));
      for (const price of Object.values(preset.models)) {
        expect(price.input).toBeGreaterThanOrEqual(0);
        expect(price.output).toBeGreaterThanOrEqual(price.input);
      }
    }
    expect(presetOf('anthropic').kind).toBe('anthropic');
    expect(presetIds.filter((id) => presetOf(id).kind === 'anthropic')).toEqual(['anthropic']);
  });

  it('keeps settings saved before presets working as they were', () => {
    const old = {
      providers: {
        default: { baseUrl: 'http://127.0.0.1:11434/v1', pricing: { input: 1, output: 2 } },
        claude: { kind: 'anthropic', secret: 'ANTHROPIC_API_KEY' },
      },
      connections: { mail: { baseUrl: 'https://mail.test' } },
    };
    const parsed = runtimeSettingsSchema.parse(old);
    expect(parsed.providers['default']).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      pricing: { input: 1, output: 2 },
    });
    expect(baseUrlOf(parsed.providers['default'] ?? {})).toBe('http://127.0.0.1:11434/v1');
    expect(baseUrlOf(parsed.providers['claude'] ?? {})).toBe('https://api.anthropic.com/v1');
    expect(baseUrlOf({})).toBe('https://api.openai.com/v1');
  });

  it("takes a preset's base URL unless the provider gives its own", () => {
    expect(baseUrlOf(providerConfigSchema.parse({ preset: 'groq' }))).toBe(
      'https://api.groq.com/openai/v1',
    );
    expect(baseUrlOf({ preset: 'gemini' })).toBe(
      'https://generativelanguage.googleapis.com/v1beta/openai',
    );
    expect(baseUrlOf({ preset: 'ollama', baseUrl: 'http://10.0.0.5:11434/v1/' })).toBe(
      'http://10.0.0.5:11434/v1',
    );
  });

  it('names the field when a preset and its settings disagree', () => {
    const wrongKind = providerConfigSchema.safeParse({ preset: 'anthropic' });
    expect(wrongKind.success ? [] : wrongKind.error.issues.map((i) => [i.path, i.message])).toEqual(
      [[['kind'], 'Anthropic speaks "anthropic", not "openai-compatible"']],
    );
    const noUrl = runtimeSettingsSchema.safeParse({
      providers: { mine: { preset: 'custom' } },
      connections: {},
    });
    expect(noUrl.success ? [] : noUrl.error.issues.map((i) => i.path.join('.'))).toEqual([
      'providers.mine.baseUrl',
    ]);
    const badPrice = providerConfigSchema.safeParse({
      preset: 'openai',
      models: { 'gpt-4o': { input: -1, output: 2 } },
    });
    expect(badPrice.success ? [] : badPrice.error.issues.map((i) => i.path.join('.'))).toEqual([
      'models.gpt-4o.input',
    ]);
    expect(providerConfigSchema.safeParse({ preset: 'openia' }).success).toBe(false);
  });

  it("costs a call at its model's price, else the provider's", () => {
    const config = {
      preset: 'openai' as const,
      models: { 'gpt-4o': { input: 2.5, output: 10 } },
      pricing: { input: 1, output: 1 },
    };
    const usage = { inputTokens: 1_000, outputTokens: 100 };
    expect(costOf(config, usage, 'gpt-4o')).toBeCloseTo((1_000 * 2.5 + 100 * 10) / 1e6, 12);
    expect(costOf(config, usage, 'gpt-4o-mini')).toBeCloseTo(1_100 / 1e6, 12);
    expect(costOf({ preset: 'ollama' }, usage, 'llama3')).toBe(0);
  });
});
