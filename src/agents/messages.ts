import type { JSONValue, ModelMessage, ToolResultPart } from 'ai';
import type { LlmMessage, LlmToolResult } from '../engine/contract/index.ts';

/** Values that went through the ledger are JSON already; this drops what JSON cannot hold. */
const asJson = (value: unknown): JSONValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JSONValue);

function toolResult(result: LlmToolResult): ToolResultPart {
  const output: ToolResultPart['output'] = result.isError
    ? { type: 'error-text', value: String(result.output) }
    : { type: 'json', value: asJson(result.output) };
  return { type: 'tool-result', toolCallId: result.callId, toolName: result.name, output };
}

/**
 * Our conversation in the AI SDK's message shapes. A tool call's `input` that was not JSON (a
 * malformed call) is sent back as an empty object: the error result beside it says what was wrong.
 */
export function toModelMessages(messages: readonly LlmMessage[]): ModelMessage[] {
  return messages.map((message): ModelMessage => {
    switch (message.role) {
      case 'user':
        return { role: 'user', content: message.content };
      case 'assistant':
        if (!message.toolCalls?.length) return { role: 'assistant', content: message.content };
        return {
          role: 'assistant',
          content: [
            ...(message.content ? [{ type: 'text' as const, text: message.content }] : []),
            ...message.toolCalls.map((call) => ({
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.name,
              input:
                call.input && typeof call.input === 'object' ? asJson(call.input) : ({} as const),
            })),
          ],
        };
      case 'tool':
        return { role: 'tool', content: message.results.map(toolResult) };
    }
  });
}
