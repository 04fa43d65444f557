import type { LlmClient, LlmRequest } from '../engine/executor.ts';
import { NodeError } from '../engine/executor.ts';

export interface ProviderConfig {
  readonly baseUrl: string;
  readonly apiKey?: string;
  /** USD per million tokens, for cost in the event log. */
  readonly pricing?: { readonly input: number; readonly output: number };
}

/**
 * An LLM client for any OpenAI-compatible `/chat/completions` endpoint (OpenAI, Ollama,
 * LM Studio, llama.cpp server, vLLM, OpenRouter), chosen per request by provider name.
 */
export function openAiCompatible(
  providers: Readonly<Record<string, ProviderConfig>>,
  fetchFn: typeof fetch = fetch,
): LlmClient {
  return {
    async complete(request: LlmRequest, signal: AbortSignal) {
      const provider = providers[request.provider];
      if (!provider)
        throw new NodeError('no-provider', `no LLM provider "${request.provider}" is configured`, {
          path: 'model.provider',
        });
      const response = await fetchFn(`${provider.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: request.model,
          temperature: request.temperature,
          max_tokens: request.maxTokens,
          response_format: { type: 'json_object' },
          messages: [{ role: 'system', content: request.system }, ...request.messages],
        }),
        signal,
      }).catch((error: unknown) => {
        if (signal.aborted) throw error;
        throw new NodeError('network', `LLM provider "${request.provider}" did not answer`, {
          retryable: true,
        });
      });
      const body = (await response.json().catch(() => null)) as {
        choices?: { message?: { content?: string } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
        error?: { message?: string };
      } | null;
      if (!response.ok) {
        throw new NodeError(
          'llm',
          `LLM provider answered ${response.status}: ${body?.error?.message ?? ''}`,
          {
            status: response.status,
            retryable: response.status === 429 || response.status >= 500,
          },
        );
      }
      const text = body?.choices?.[0]?.message?.content;
      if (typeof text !== 'string')
        throw new NodeError('llm', 'LLM provider answered without a message');
      const inputTokens = body?.usage?.prompt_tokens ?? 0;
      const outputTokens = body?.usage?.completion_tokens ?? 0;
      const costUsd = provider.pricing
        ? (inputTokens * provider.pricing.input + outputTokens * provider.pricing.output) / 1e6
        : 0;
      return { text, usage: { inputTokens, outputTokens }, costUsd };
    },
  };
}
