import { canonicalJson } from '../../flow/index.ts';
import type { McpTool } from './tool.ts';

/**
 * The SHA-256 (hex, first 16 bytes) of what a flow relies on in a tool: its input and output
 * schemas and its annotations. A flow keeps it (`metadata.toolSchemas`) to tell a changed tool.
 */
export async function schemaHashOf(tool: McpTool): Promise<string> {
  const text = canonicalJson({
    input: tool.inputSchema,
    output: tool.outputSchema ?? null,
    annotations: tool.annotations ?? null,
  });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 16)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}
