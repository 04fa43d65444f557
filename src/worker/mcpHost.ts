import {
  McpTools,
  testMcpServer,
  withMcpTools,
  type McpServerSettings,
  type ToolPins,
} from '../capabilities/mcp/index.ts';
import type { Clock } from '../engine/index.ts';
import type { Catalog } from '../flow/index.ts';
import type { McpCatalog, McpTested, McpToolInfo, RuntimeSettings } from '../protocol/index.ts';
import type { SecretReader } from '../secrets/index.ts';

interface McpHostDeps {
  readonly fetch: typeof fetch;
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly pins: ToolPins;
  /** Said when the tools changed (listed again, approved), so the page reads them again. */
  readonly onChange: () => void;
}

/**
 * The worker's MCP servers, from the settings' `mcpServers`: Streamable HTTP only, since a
 * browser cannot start a process (a stdio server is listed with that reason). Its tools are the
 * engine's `Services.capabilities`; each settings change reopens what changed.
 */
export function mcpHost(deps: McpHostDeps) {
  const tools = new McpTools({
    servers: {},
    secrets: deps.secrets,
    fetch: deps.fetch,
    pins: deps.pins,
  });
  tools.onChange(deps.onChange);
  let configured: Promise<void> = Promise.resolve();
  return {
    tools,
    /** Uses the servers of these settings; resolves once each has been listed (or failed). */
    apply(settings: RuntimeSettings): Promise<void> {
      const servers: Record<string, McpServerSettings> = settings.mcpServers ?? {};
      configured = tools.configure(servers).catch(() => undefined);
      return configured;
    },
    /** The catalog validation uses, once the current settings' servers are listed. */
    async catalog(base: Catalog): Promise<Catalog> {
      await configured;
      return withMcpTools(base, tools);
    },
    async list(refresh: boolean): Promise<McpCatalog> {
      await configured;
      if (refresh) await tools.refresh();
      return { place: 'browser', servers: tools.status() };
    },
    async test(name: string, server: McpServerSettings): Promise<McpTested> {
      const started = deps.clock.now();
      const found = await testMcpServer(name, server, {
        secrets: deps.secrets,
        fetch: deps.fetch,
        pins: deps.pins,
      });
      return { ...found, ms: deps.clock.now() - started };
    },
    approve: (id: string): Promise<McpToolInfo> => tools.approve(id),
  };
}
