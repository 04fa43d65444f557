import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { baseUrlOf, priceOf, type ProviderConfig } from './providerConfig.ts';

export type { ProviderConfig } from './providerConfig.ts';

/** A provider's model through the AI SDK, with our `fetch` (so tests and workers control it). */
export function languageModel(
  config: ProviderConfig,
  model: string,
  apiKey: string | undefined,
  fetchFn: typeof fetch,
): LanguageModel {
  if (config.kind === 'anthropic') {
    return createAnthropic({
      baseURL: baseUrlOf(config),
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
    baseURL: baseUrlOf(config),
    ...(apiKey ? { apiKey } : {}),
    includeUsage: true,
    fetch: fetchFn,
  })(model);
}

/** What a call cost, from the model's (or else the provider's) prices per million tokens. */
export function costOf(
  config: ProviderConfig,
  usage: { inputTokens: number; outputTokens: number },
  model = '',
): number {
  const pricing = priceOf(config, model);
  if (!pricing) return 0;
  return (usage.inputTokens * pricing.input + usage.outputTokens * pricing.output) / 1e6;
}
