import type { Catalog } from '../../flow/index.ts';
import type { McpTools } from './servers.ts';

/**
 * The catalog with the MCP tools known now, so validation accepts them, and refuses the ones that
 * changed since they were approved.
 */
export function withMcpTools(catalog: Catalog, tools: McpTools): Catalog {
  const known = new Map(
    [...tools.tools()].map(([id, tool]) => [
      id,
      { schemaHash: tool.schemaHash, changed: tool.changedFrom !== undefined },
    ]),
  );
  return { ...catalog, externalCapabilities: known };
}
