import type { LlmTool } from '../engine/contract/index.ts';

/** What a tool call came to: its output, or why it did not happen, for the model to act on. */
export type ToolOutcome =
  { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string };

/**
 * The tools an agent may call, supplied by whoever runs it (the agent node calls capabilities
 * under policy through the effects ledger); the agent loop knows nothing of capabilities.
 */
export interface AgentToolbox {
  readonly tools: readonly LlmTool[];
  /**
   * Performs the `n`-th tool call of this visit (1, 2, 3…). Refusals the model can correct come
   * back as `{ ok: false }`; anything else (a network failure, a missing connection) throws.
   */
  call(name: string, input: unknown, n: number): Promise<ToolOutcome>;
}
