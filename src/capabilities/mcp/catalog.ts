import type { Catalog, Flow } from '../../flow/index.ts';
import type { McpTools } from './servers.ts';

/** The catalog with the MCP tools known now, so validation accepts them and tells changed ones. */
export function withMcpTools(catalog: Catalog, tools: McpTools): Catalog {
  const known = tools.tools();
  return { ...catalog, externalCapabilities: known };
}

/**
 * The flow with the schema hash of each MCP tool its nodes use as listed now
 * (`metadata.toolSchemas`), to save with it: validation then warns when a tool changes after.
 * `flow` is a validated one (its node data parsed by the kinds in `catalog`).
 */
export function pinToolSchemas(flow: Flow, catalog: Catalog, tools: McpTools): Flow {
  const pinned: Record<string, string> = {};
  for (const node of flow.nodes)
    for (const ref of catalog.kind(node.type)?.capabilityRefs(node.data) ?? []) {
      const hash = tools.known(ref.id)?.schemaHash;
      if (hash !== undefined) pinned[ref.id] = hash;
    }
  const { toolSchemas: _, ...metadata } = flow.metadata;
  return {
    ...flow,
    metadata: Object.keys(pinned).length > 0 ? { ...metadata, toolSchemas: pinned } : metadata,
  };
}
