import { z } from 'zod';
import { secretNameSchema } from '../flow/index.ts';
import { presetIds, presetOf, type PresetId } from './presets.ts';

// Apart from the providers themselves so the page and the protocol can check settings without
// loading the AI SDK.

const priceSchema = z.strictObject({ input: z.number().min(0), output: z.number().min(0) });

/**
 * A model provider as the workspace settings describe it. The API key is either named (a secret
 * in the vault, the way to keep it) or given inline (the CLI's environment, tests). `preset`
 * says which known service it is (its base URL and sign-in come from there unless given);
 * settings saved before presets existed have none and keep working as they were.
 * @example providerConfigSchema.parse({ kind: 'anthropic', secret: 'ANTHROPIC_API_KEY' })
 * @example providerConfigSchema.parse({ preset: 'groq', kind: 'openai-compatible', secret: 'GROQ_API_KEY' })
 */
export const providerConfigSchema = z
  .strictObject({
    /** OpenAI, Ollama, LM Studio, llama.cpp server, vLLM, OpenRouter… or Anthropic. */
    kind: z.enum(['openai-compatible', 'anthropic']).default('openai-compatible'),
    /** Which known service this is (`openai`, `groq`, `ollama`, … or `custom`). */
    preset: z.enum(presetIds).optional(),
    /** Up to the API version, e.g. `http://localhost:11434/v1` or `https://api.anthropic.com/v1`. */
    baseUrl: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
    secret: secretNameSchema.optional(),
    /** USD per million tokens, for cost in the event log: for models not listed in `models`. */
    pricing: priceSchema.optional(),
    /** The models chosen for this provider, each with its price (USD per million tokens). */
    models: z.record(z.string().min(1).max(200), priceSchema).optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.preset) return;
    const preset = presetOf(config.preset);
    if (preset.kind !== config.kind)
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `${preset.title} speaks "${preset.kind}", not "${config.kind}"`,
      });
    if (!preset.baseUrl && !config.baseUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: `${preset.title} needs its base URL (up to /v1)`,
      });
  });
export type ProviderConfig = z.input<typeof providerConfigSchema>;

const defaultBase = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
} as const;

/** Where a provider's API is: its own base URL, else its preset's, else its kind's default. */
export function baseUrlOf(config: ProviderConfig): string {
  const preset: PresetId | undefined = config.preset;
  const base =
    config.baseUrl ||
    (preset ? presetOf(preset).baseUrl : '') ||
    defaultBase[config.kind ?? 'openai-compatible'];
  return base.replace(/\/+$/, '');
}

/** The price of one model: its own, else the provider's, else none. */
export function priceOf(config: ProviderConfig, model: string) {
  return config.models?.[model] ?? config.pricing;
}
