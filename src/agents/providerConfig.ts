import { z } from 'zod';
import { secretNameSchema } from '../flow/index.ts';

// Apart from the providers themselves so the page and the protocol can check settings without
// loading the AI SDK.

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
