import { openAiCompatible } from '../agents/index.ts';
import type { LlmClient } from '../engine/index.ts';

/** The model endpoint named by `AIOS_LLM_BASE_URL` (OpenAI-compatible) and `AIOS_LLM_API_KEY`. */
export function llmFromEnv(env: NodeJS.ProcessEnv): LlmClient {
  const baseUrl = env['AIOS_LLM_BASE_URL'];
  const apiKey = env['AIOS_LLM_API_KEY'];
  return openAiCompatible(baseUrl ? { default: { baseUrl, ...(apiKey ? { apiKey } : {}) } } : {});
}

/** Secrets from the environment: `AIOS_SECRET_BILLING_API_KEY` for the secret `BILLING_API_KEY`. */
export function secretsFromEnv(env: NodeJS.ProcessEnv) {
  return { get: (name: string) => Promise.resolve(env[`AIOS_SECRET_${name}`]) };
}
