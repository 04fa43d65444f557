/** A capability the model may call, as the model sees it. */
export interface LlmTool {
  /** Letters, digits, `_` and `-` only, as providers require. */
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the tool's input. */
  readonly inputSchema: Record<string, unknown>;
}
/** A call the model asked for; `input` is the raw text when the model's arguments were not JSON. */
export interface LlmToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}
export interface LlmToolResult {
  readonly callId: string;
  readonly name: string;
  readonly output: unknown;
  /** The call was refused or failed; `output` says why, for the model to correct itself. */
  readonly isError?: boolean;
}
export type LlmMessage =
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly LlmToolCall[];
    }
  | { readonly role: 'tool'; readonly results: readonly LlmToolResult[] };

/** A message to a language model and the text (or tool calls) it answered. */
export interface LlmRequest {
  readonly provider: string;
  readonly model: string;
  readonly system: string;
  readonly messages: readonly LlmMessage[];
  readonly temperature: number;
  readonly maxTokens: number;
  /** JSON Schema the answer must satisfy. */
  readonly schema: Record<string, unknown>;
  /** Tools the model may call instead of answering. */
  readonly tools?: readonly LlmTool[];
}
export interface LlmResponse {
  readonly text: string;
  /** Calls the model asked for; the caller performs them and asks again with their results. */
  readonly toolCalls?: readonly LlmToolCall[];
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly costUsd?: number;
}
export interface LlmClient {
  /**
   * One model call. With `onText`, the answer is streamed and each piece of its text goes to
   * `onText` as it arrives (for people watching; not a durable fact); the response is the same.
   */
  complete(
    request: LlmRequest,
    signal: AbortSignal,
    onText?: (delta: string) => void,
  ): Promise<LlmResponse>;
}
