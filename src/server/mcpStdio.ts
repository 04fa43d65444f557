import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { StdioStarter } from '../capabilities/mcp/index.ts';

/**
 * Starts stdio MCP servers as child processes (the SDK's transport: no shell, the SDK's short list
 * of inherited variables plus the secrets the settings name in `env`). What a process writes to
 * stderr goes to `log`, line by line, so a server that fails to start says why.
 */
export function stdioStarter(log?: (line: string) => void): StdioStarter {
  return (settings, env) => {
    const transport = new StdioClientTransport({
      command: settings.command,
      args: [...settings.args],
      env,
      stderr: 'pipe',
    });
    // Read even without a log: a full pipe would block the process.
    const stderr = transport.stderr as Readable | null;
    if (stderr)
      createInterface({ input: stderr }).on('line', (line) =>
        log?.(`mcp ${settings.command}: ${line}`),
      );
    return transport;
  };
}
