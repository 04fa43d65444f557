import { z } from 'zod';
import { idempotencyClasses, sideEffectClasses } from './capabilitySchema.ts';

const jsonObject = z.record(z.string(), z.unknown());

/**
 * What an MCP tool's schema hash is taken of: its schemas and annotations, as its server gave
 * them (JSON Schema). A pin keeps them, so a person approving a changed tool can be shown what
 * changed; parsed wherever a pin is read back, since a store keeps what any version wrote.
 */
export const mcpToolSchemasSchema = z.strictObject({
  inputSchema: jsonObject,
  outputSchema: jsonObject.optional(),
  annotations: jsonObject.optional(),
});
export type McpToolSchemas = z.infer<typeof mcpToolSchemasSchema>;

/**
 * One MCP tool as plain data, for the page (the catalog, the MCP tab) and API clients: its
 * contract as the workspace reads it, and its schemas as the server gave them.
 */
export const mcpToolInfoSchema = z.strictObject({
  /** `mcp.<server>.<tool>`. */
  id: z.string(),
  server: z.string(),
  /** Its name as its server lists it. */
  tool: z.string(),
  title: z.string(),
  description: z.string(),
  sideEffect: z.enum(sideEffectClasses),
  idempotency: z.enum(idempotencyClasses),
  ...mcpToolSchemasSchema.shape,
  schemaHash: z.string(),
  /** Listed with other schemas or annotations than a person accepted: refused until approved. */
  changed: z.boolean(),
  /**
   * When `changed`: what the person accepted, to show what changed; absent when the host kept
   * only the accepted hash (a pin from an older version).
   */
  previous: mcpToolSchemasSchema.optional(),
});
export type McpToolInfo = z.infer<typeof mcpToolInfoSchema>;

/** One configured MCP server as the page and API clients see it: where, its tools, what failed. */
export const mcpServerStatusSchema = z.strictObject({
  name: z.string(),
  transport: z.enum(['http', 'stdio']),
  /** Its URL, or its command line. */
  where: z.string(),
  /** Why it offers nothing, or which of its tools are left out; empty when all is well. */
  problems: z.array(z.string()),
  tools: z.array(mcpToolInfoSchema),
});
export type McpServerStatus = z.infer<typeof mcpServerStatusSchema>;
