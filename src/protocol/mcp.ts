import * as z from 'zod';
import { secretNameSchema, type McpServerStatus, type McpToolInfo } from '../flow/index.ts';

// A tool's and a server's shape are one zod definition each, in src/flow (capabilities build
// them, the page reads them); the protocol carries them as they are.
export type { McpServerStatus, McpToolInfo, McpToolSchemas } from '../flow/index.ts';

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
