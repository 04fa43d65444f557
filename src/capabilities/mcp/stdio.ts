import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerSettings } from './servers.ts';

/**
 * Starts a stdio MCP server's process (Node only: the workspace server or the CLI pass this to
 * `McpTools`; a browser has no processes to start). Its stderr goes to ours.
 */
export function stdioTransport(
  settings: Extract<McpServerSettings, { transport: 'stdio' }>,
): Transport {
  return new StdioClientTransport({
    command: settings.command,
    args: [...settings.args],
    stderr: 'inherit',
  });
}
