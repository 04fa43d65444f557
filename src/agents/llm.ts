import {
  APICallError,
  NoObjectGeneratedError,
  Output,
  generateText,
  jsonSchema,
  streamText,
  tool,
} from 'ai';
import type { JSONSchema7, LanguageModelUsage, ToolSet } from 'ai';
import type { LlmClient, LlmRequest, LlmResponse } from '../engine/contract/index.ts';
import { NodeError } from '../engine/contract/index.ts';
import { toModelMessages } from './messages.ts';
import { costOf, languageModel, type ProviderConfig } from './providers.ts';

interface LlmClientOptions {
  readonly fetch?: typeof fetch;
  /** Where providers' named API keys are looked up (the vault). */
  readonly secrets?: { get(name: string): Promise<string | undefined> };
}

function toolSet(request: LlmRequest): ToolSet | undefined {
  if (!request.tools?.length) return undefined;
  // No `execute`: the SDK hands calls back, and the agent performs them through policy and the
  // effects ledger, where a resumed run finds what already happened.
  return Object.fromEntries(
    request.tools.map((t) => [
      t.name,
      tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema as JSONSchema7) }),
    ]),
  );
}

async function apiKeyOf(
  name: string,
  config: ProviderConfig,
  secrets: LlmClientOptions['secrets'],
): Promise<string | undefined> {
  if (!config.secret) return config.apiKey;
  const key = await secrets?.get(config.secret);
  if (key === undefined)
    throw new NodeError(
      'no-secret',
      `the API key "${config.secret}" of LLM provider "${name}" is not in the vault`,
      { path: `secrets.${config.secret}`, needs: { kind: 'secret', name: config.secret } },
    );
  return key;
}

/** Provider failures as node errors: rate limits, server errors and no answer are worth a retry. */
function toNodeError(error: unknown, provider: string): unknown {
  if (!APICallError.isInstance(error))
    return new NodeError(
      'llm',
      `LLM provider "${provider}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  const status = error.statusCode;
  if (status === undefined)
    return new NodeError('network', `LLM provider "${provider}" did not answer`, {
      retryable: true,
    });
  return new NodeError('llm', `LLM provider "${provider}" answered ${status}: ${error.message}`, {
    status,
    retryable: status === 429 || status >= 500,
  });
}

const tokens = (usage: LanguageModelUsage | undefined) => ({
  inputTokens: usage?.inputTokens ?? 0,
  outputTokens: usage?.outputTokens ?? 0,
});

type CallOptions = Parameters<typeof generateText>[0];

/**
 * One model call streamed: each piece of text goes to `onText` as it arrives; errors in the
 * stream are thrown, as `generateText` throws them, and the result has the same shape.
 */
async function streamed(
  call: CallOptions,
  onText: (delta: string) => void,
): Promise<Pick<Awaited<ReturnType<typeof generateText>>, 'text' | 'toolCalls' | 'usage'>> {
  // Errors come through `fullStream` as parts; the SDK's default handler would also log them.
  const result = streamText({ ...call, onError: () => undefined });
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') onText(part.text);
    else if (part.type === 'error') throw part.error;
  }
  const [text, toolCalls, usage] = await Promise.all([result.text, result.toolCalls, result.usage]);
  return { text, toolCalls, usage };
}

/**
 * An LLM client over the Vercel AI SDK for any OpenAI-compatible endpoint (OpenAI, Ollama,
 * LM Studio, llama.cpp server, vLLM, OpenRouter) and Anthropic, chosen per request by provider
 * name. One `complete` is one model call: tool calls come back to the caller, and retries are the
 * engine's (with its clock), not the SDK's.
 * @example createLlmClient({ default: { kind: 'anthropic', secret: 'ANTHROPIC_API_KEY' } }, { secrets: vault })
 */
export function createLlmClient(
  providers: Readonly<Record<string, ProviderConfig>>,
  options: LlmClientOptions = {},
): LlmClient {
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async complete(request, signal, onText): Promise<LlmResponse> {
      const config = providers[request.provider];
      if (!config)
        throw new NodeError('no-provider', `no LLM provider "${request.provider}" is configured`, {
          path: 'model.provider',
          needs: { kind: 'provider', name: request.provider },
        });
      const apiKey = await apiKeyOf(request.provider, config, options.secrets);
      const tools = toolSet(request);
      // JSON mode keeps local models to JSON; it is left off with tools (some servers' JSON
      // grammars rule tool calls out) and for Anthropic, which has no such mode.
      const jsonMode = !tools && config.kind !== 'anthropic';
      const call = {
        model: languageModel(config, request.model, apiKey, fetchFn),
        instructions: request.system,
        messages: toModelMessages(request.messages),
        temperature: request.temperature,
        maxOutputTokens: request.maxTokens,
        maxRetries: 0,
        abortSignal: signal,
        ...(tools ? { tools } : {}),
        ...(jsonMode ? { output: Output.json() } : {}),
      };
      try {
        const result = onText ? await streamed(call, onText) : await generateText(call);
        const usage = tokens(result.usage);
        return {
          text: result.text,
          toolCalls: result.toolCalls.map((c) => ({
            id: c.toolCallId,
            name: c.toolName,
            // What the model sent: parsed JSON, or the raw text when it was not JSON.
            input: c.input as unknown,
          })),
          usage,
          costUsd: costOf(config, usage, request.model),
        };
      } catch (error) {
        if (signal.aborted) throw error;
        // Not JSON after all: the agent tells the model what is wrong, so keep the text.
        if (NoObjectGeneratedError.isInstance(error)) {
          const usage = tokens(error.usage);
          return { text: error.text ?? '', usage, costUsd: costOf(config, usage, request.model) };
        }
        throw toNodeError(error, request.provider);
      }
    },
  };
}

/**
 * The client for providers that are all OpenAI-compatible, as older settings describe them
 * (`{ baseUrl, apiKey?, pricing? }`); same as `createLlmClient` with only a `fetch`.
 */
export const openAiCompatible = (
  providers: Readonly<Record<string, ProviderConfig>>,
  fetchFn?: typeof fetch,
): LlmClient => createLlmClient(providers, fetchFn ? { fetch: fetchFn } : {});
