import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { secretNameSchema } from '../flow/index.ts';

/**
 * A model provider as the workspace settings describe it. The API key is either named (a secret
 * in the vault, the way to keep it) or given inline (the CLI's environment, tests).
 * @example providerConfigSchema.parse({ kind: 'anthropic', secret: 'ANTHROPIC_API_KEY' })
 */
export const providerConfigSchema = z.strictObject({
  /** OpenAI, Ollama, LM Studio, llama.cpp server, vLLM, OpenRouter… or Anthropic. */
  kind: z.enum(['openai-compatible', 'anthropic']).default('openai-compatible'),
  /** Up to the API version, e.g. `http://localhost:11434/v1` or `https://api.anthropic.com/v1`. */
  baseUrl: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  secret: secretNameSchema.optional(),
  /** USD per million tokens, for cost in the event log. */
  pricing: z.strictObject({ input: z.number().min(0), output: z.number().min(0) }).optional(),
});
export type ProviderConfig = z.input<typeof providerConfigSchema>;

/** A provider's model through the AI SDK, with our `fetch` (so tests and workers control it). */
export function languageModel(
  config: ProviderConfig,
  model: string,
  apiKey: string | undefined,
  fetchFn: typeof fetch,
): LanguageModel {
  if (config.kind === 'anthropic') {
    return createAnthropic({
      ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      // The SDK falls back to an environment variable, which a browser does not have.
      apiKey: apiKey ?? 'none',
      // Anthropic refuses browser calls (CORS) unless the caller says it means it; the key is
      // the user's own, held in their vault.
      headers: { 'anthropic-dangerous-direct-browser-access': 'true' },
      fetch: fetchFn,
    })(model);
  }
  return createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: (config.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
    ...(apiKey ? { apiKey } : {}),
    includeUsage: true,
    fetch: fetchFn,
  })(model);
}

/** What a call cost, from the provider's prices per million tokens. */
export function costOf(
  config: ProviderConfig,
  usage: { inputTokens: number; outputTokens: number },
): number {
  const { pricing } = config;
  if (!pricing) return 0;
  return (usage.inputTokens * pricing.input + usage.outputTokens * pricing.output) / 1e6;
}
