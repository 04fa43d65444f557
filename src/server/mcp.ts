import {
  McpTools,
  MemoryToolPins,
  withMcpTools,
  type McpServerSettings,
  type ToolPins,
} from '../capabilities/mcp/index.ts';
import type { SecretMask } from '../engine/index.ts';
import type { Catalog } from '../flow/index.ts';
import type { McpCatalog } from '../protocol/index.ts';
import { stdioStarter } from './mcpStdio.ts';

interface ServerMcpOptions {
  readonly servers: Readonly<Record<string, McpServerSettings>>;
  /** The secrets the engine reads (vault, then environment), already recording for `mask`. */
  readonly secrets: { get(name: string): Promise<string | undefined> };
  readonly mask: SecretMask;
  /** Where pins are kept; in memory for a process without a database (`aios run`). */
  readonly pins?: ToolPins;
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * The MCP servers a server or CLI process uses (its `--mcp` file): Streamable HTTP and stdio.
 * They are listed once in the background; what needs the tools (validating a deploy, the
 * catalog) waits for that first listing.
 */
export function serverMcp(options: ServerMcpOptions) {
  const tools = new McpTools({
    servers: options.servers,
    secrets: options.secrets,
    fetch,
    stdio: stdioStarter(options.log && ((line) => options.log?.(options.mask.text(line)))),
    pins: options.pins ?? new MemoryToolPins(),
    redact: (text) => options.mask.text(text),
  });
  const ready = tools.refresh();
  return {
    tools,
    ready,
    async catalog(base: Catalog): Promise<Catalog> {
      await ready;
      return withMcpTools(base, tools);
    },
    async list(refresh: boolean): Promise<McpCatalog> {
      await ready;
      if (refresh) await tools.refresh();
      return { place: 'server', servers: tools.status() };
    },
    close: () => tools.close(),
  };
}

export type ServerMcp = ReturnType<typeof serverMcp>;
