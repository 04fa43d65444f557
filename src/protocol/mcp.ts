import * as z from 'zod';
import { secretNameSchema, type SideEffectClass } from '../flow/index.ts';

/** An MCP server's name, the middle of its tools' capability ids (`mcp.<name>.<tool>`). */
export const mcpServerNameSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'use a name such as "files": letters and digits');

const headerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'a header name such as X-Api-Key');
const envNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a variable name such as GITHUB_TOKEN');

/**
 * One MCP server: Streamable HTTP at `url`, or a local process spoken to over stdio (`command`
 * and `args`), which only a workspace server can start. Credentials are vault secrets by name,
 * never values: `secret` goes as a bearer token, each of `headers` as that header, each of `env`
 * as that variable of the process.
 */
export const mcpServerSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('http'),
    url: z.url({ protocol: /^https?$/ }),
    secret: secretNameSchema.optional(),
    headers: z.record(headerNameSchema, secretNameSchema).optional(),
  }),
  z.strictObject({
    transport: z.literal('stdio'),
    command: z.string().min(1).max(500),
    args: z.array(z.string().max(2000)).max(50).default([]),
    env: z.record(envNameSchema, secretNameSchema).optional(),
  }),
]);
export type McpServerConfig = z.output<typeof mcpServerSchema>;

/** What a tool's schema hash is taken of: its schemas and annotations, as its server gave them. */
export interface McpToolSchemas {
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
}

/** One MCP tool as a capability, as the engine reads it; its schemas as the server gave them. */
export interface McpToolInfo {
  readonly id: string;
  readonly server: string;
  readonly tool: string;
  readonly title: string;
  readonly description: string;
  readonly sideEffect: SideEffectClass;
  readonly idempotency: 'remote-dedupes' | 'naturally-idempotent' | 'none';
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
  readonly schemaHash: string;
  /** Its schemas or annotations changed since a person accepted it: refused until approved. */
  readonly changed: boolean;
  /**
   * When `changed`: what the person accepted, so the page can show what changed; absent when
   * the host kept only the accepted hash (a pin from an older version).
   */
  readonly previous?: McpToolSchemas;
}

/** One configured MCP server: where it is, its tools, and what went wrong. */
export interface McpServerStatus {
  readonly name: string;
  readonly transport: 'http' | 'stdio';
  readonly where: string;
  readonly problems: readonly string[];
  readonly tools: readonly McpToolInfo[];
}

/** What the engine's MCP servers offer now (`mcpTools`). */
export interface McpCatalog {
  /** `browser`: stdio servers cannot be started here. */
  readonly place: 'browser' | 'server';
  readonly servers: readonly McpServerStatus[];
}

/** What testing one server's settings found (`mcpTest`). */
export interface McpTested {
  readonly tools: readonly McpToolInfo[];
  readonly problems: readonly string[];
  readonly ms: number;
}

export const mcpCommandParams = {
  /** The tools of the MCP servers in the settings, as the engine that runs flows sees them. */
  mcpTools: z.strictObject({ refresh: z.boolean().default(false) }),
  /** Opens one server's settings (saved or not), lists its tools and closes it. */
  mcpTest: z.strictObject({ name: mcpServerNameSchema, server: mcpServerSchema }),
  /** Accepts a changed tool as it is listed now. */
  mcpApprove: z.strictObject({
    id: z.string().regex(/^mcp\.[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/, 'an MCP tool id'),
  }),
} as const;
