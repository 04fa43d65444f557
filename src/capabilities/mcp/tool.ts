import { z } from 'zod';
import { NodeError } from '../../engine/contract/index.ts';
import type { SideEffectClass } from '../../flow/index.ts';
import { defineCapability, type AnyCapability, type Idempotency } from '../define.ts';

/** What the workspace reads of one tool in an MCP server's `tools/list` answer. */
export interface McpTool {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown> | undefined;
  readonly annotations?:
    | {
        readonly title?: string | undefined;
        readonly readOnlyHint?: boolean | undefined;
        readonly destructiveHint?: boolean | undefined;
        readonly idempotentHint?: boolean | undefined;
        readonly openWorldHint?: boolean | undefined;
      }
    | undefined;
}

/** What a `tools/call` answer carries that the workspace uses. */
export interface McpCallResult {
  readonly isError?: boolean | undefined;
  readonly content?: readonly unknown[] | undefined;
  readonly structuredContent?: Record<string, unknown> | undefined;
}

/** Calls one tool of the server; `signal` cancels the request when the run stops. */
type McpCall = (
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<McpCallResult>;

/**
 * A tool name as the last part of a capability id (`[a-z][A-Za-z0-9]*`): `delete_record` and
 * `delete-record` become `deleteRecord`; undefined when nothing of it is left.
 */
export function idPartOf(toolName: string): string | undefined {
  const words = toolName.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words
    .map((w, i) => (i === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`))
    .join('');
  if (joined.length === 0) return undefined;
  const first = joined.charAt(0);
  if (/[0-9]/.test(first)) return `t${joined}`;
  return `${first.toLowerCase()}${joined.slice(1)}`;
}

export const mcpCapabilityId = (server: string, part: string): string => `mcp.${server}.${part}`;

/**
 * What a tool touches and how it stays safe to retry, from its annotations (hints, which a server
 * may not keep, so only a stated hint counts): read-only tools are reads and naturally
 * idempotent; `destructiveHint` makes it destructive; everything else is a write. Unless the
 * tool is read-only or says `idempotentHint`, a call cut off mid-way is not repeated but asked
 * of a person.
 */
function contractOf(tool: McpTool): {
  sideEffect: SideEffectClass;
  idempotency: Idempotency;
} {
  const hints = tool.annotations ?? {};
  if (hints.readOnlyHint === true)
    return { sideEffect: 'read', idempotency: 'naturally-idempotent' };
  return {
    sideEffect: hints.destructiveHint === true ? 'destructive' : 'write',
    idempotency: hints.idempotentHint === true ? 'naturally-idempotent' : 'none',
  };
}

/** A JSON Schema as zod, naming the server and tool when it is not one zod can read. */
function schemaOf(schema: Record<string, unknown>, where: string): z.ZodType {
  try {
    return z.fromJSONSchema(schema);
  } catch (error) {
    throw new Error(
      `${where} is not a JSON Schema the workspace can read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** The text parts of a tool's answer, for an error message or an unstructured result. */
function textOf(result: McpCallResult): string {
  return (result.content ?? [])
    .flatMap((part) =>
      part && typeof part === 'object' && 'text' in part && typeof part.text === 'string'
        ? [part.text]
        : [],
    )
    .join('\n');
}

/**
 * One MCP tool as a capability `mcp.<server>.<tool>`: its schemas from the tool's JSON Schemas,
 * its side-effect class and idempotency from its annotations, its call over the server's
 * session. A tool's error answer (`isError`) is a refusal the caller (or an agent) may correct:
 * the server answered, so the call may be tried again.
 */
export function capabilityOfTool(
  server: string,
  part: string,
  tool: McpTool,
  call: McpCall,
): AnyCapability {
  const id = mcpCapabilityId(server, part);
  const title = tool.title ?? tool.annotations?.title ?? tool.name;
  return defineCapability({
    id,
    title: `${title} (${server})`,
    description: tool.description ?? '',
    ...contractOf(tool),
    input: schemaOf(tool.inputSchema, `the input schema of MCP tool "${tool.name}" on "${server}"`),
    output: tool.outputSchema
      ? schemaOf(tool.outputSchema, `the output schema of MCP tool "${tool.name}" on "${server}"`)
      : z.unknown(),
    // The MCP session is its own transport: no HTTP statuses to retry on.
    retryOn: [],
    async call(input, { x }) {
      const args = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
      let result: McpCallResult;
      try {
        result = await call(tool.name, args, x.signal);
      } catch (error) {
        if (x.signal.aborted) throw error;
        throw new NodeError(
          'mcp-call',
          `MCP server "${server}" did not answer the call to "${tool.name}": ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (result.isError)
        throw new NodeError(
          'mcp-tool-error',
          `${tool.name} on "${server}" refused: ${textOf(result) || 'no reason given'}`,
          // The server answered (a JSON-RPC result, HTTP 200): like an error answer from an HTTP
          // API, the ledger records it as failed, and the call may be tried again.
          { status: 200, retryable: false },
        );
      if (result.structuredContent !== undefined) return result.structuredContent;
      return { text: textOf(result), content: result.content ?? [] };
    },
  });
}
