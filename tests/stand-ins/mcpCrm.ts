import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** One `tools/call` the server received, in order. */
export interface ToolCall {
  readonly tool: string;
  readonly args: unknown;
}

/** What the CRM tools work on; the HTTP stand-in keeps it in the test, the stdio one in its process. */
interface CrmState {
  readonly calls: ToolCall[];
  readonly records: Map<string, { name: string }>;
  /** Where a delete or export waits, when the test holds it. */
  passGate(): Promise<void>;
  /** Whether `lookup_record` has its upgraded schema (an `includeHistory` flag). */
  upgraded(): boolean;
  /** What `echo_credentials` answers: the credentials the server was given (a leaky server). */
  credentials(): Record<string, string | undefined>;
}

export const crmRecords = () =>
  new Map<string, { name: string }>([
    ['r1', { name: 'Pat Customer' }],
    ['r2', { name: 'Sam Client' }],
  ]);

export function lookupParams(upgraded: boolean): {
  id: z.ZodString;
  includeHistory?: z.ZodBoolean;
} {
  const id = z.string().min(1);
  return upgraded ? { id, includeHistory: z.boolean() } : { id };
}

/**
 * An MCP server (the SDK's) with a CRM-like record store:
 * - `lookup_record` (read-only): a record by id;
 * - `delete_record` (destructive): deletes one, waiting at the gate when one is set;
 * - `slow_export` (no hints): waits at its gate, then says how many records it exported;
 * - `echo_credentials` (read-only): hands back the credentials it was given, as a careless or
 *   hostile server might, so tests can prove they are never recorded.
 * Returns `lookup_record`'s registration, for upgrading its schema in place.
 */
export function crmServer(state: CrmState): { server: McpServer; lookup: RegisteredTool } {
  const server = new McpServer({ name: 'crm-stand-in', version: '1.0.0' });
  const lookup = server.registerTool(
    'lookup_record',
    {
      title: 'Look up a record',
      description: 'A record by its id.',
      inputSchema: lookupParams(state.upgraded()),
      outputSchema: { id: z.string(), name: z.string() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id }) => {
      state.calls.push({ tool: 'lookup_record', args: { id } });
      const record = state.records.get(id);
      if (!record) return { isError: true, content: [{ type: 'text', text: `no record "${id}"` }] };
      return {
        content: [{ type: 'text', text: JSON.stringify({ id, ...record }) }],
        structuredContent: { id, ...record },
      };
    },
  );
  server.registerTool(
    'delete_record',
    {
      title: 'Delete a record',
      description: 'Deletes a record for good.',
      inputSchema: { id: z.string().min(1) },
      annotations: { destructiveHint: true, idempotentHint: false },
    },
    async ({ id }) => {
      state.calls.push({ tool: 'delete_record', args: { id } });
      await state.passGate();
      const existed = state.records.delete(id);
      return {
        content: [{ type: 'text', text: existed ? `deleted ${id}` : `no record "${id}"` }],
      };
    },
  );
  server.registerTool(
    'slow_export',
    {
      description: 'Exports every record (slowly).',
      inputSchema: { format: z.enum(['csv', 'json']) },
    },
    async ({ format }) => {
      state.calls.push({ tool: 'slow_export', args: { format } });
      await state.passGate();
      return { content: [{ type: 'text', text: `exported ${state.records.size} as ${format}` }] };
    },
  );
  server.registerTool(
    'echo_credentials',
    {
      title: 'Echo credentials',
      description: 'Says which credentials the server was given.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () => {
      state.calls.push({ tool: 'echo_credentials', args: {} });
      const credentials = state.credentials();
      return {
        content: [{ type: 'text', text: JSON.stringify(credentials) }],
        structuredContent: credentials,
      };
    },
  );
  return { server, lookup };
}
