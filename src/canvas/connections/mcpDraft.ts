import type { McpServerConfig } from '../../protocol/index.ts';

/** A server name not yet taken: `tools`, then `tools2`, … (names are letters and digits). */
export function freeServerName(taken: readonly string[], base = 'tools'): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** A new server: Streamable HTTP at no URL yet. */
export const newServer = (): McpServerConfig => ({ transport: 'http', url: '' });

/** One header sent with a secret's value, as the form edits it (a list keeps order and blanks). */
export interface HeaderRow {
  readonly name: string;
  readonly secret: string | undefined;
}

export const headerRows = (server: McpServerConfig): HeaderRow[] =>
  server.transport === 'http'
    ? Object.entries(server.headers ?? {}).map(([name, secret]) => ({ name, secret }))
    : [];

/**
 * The server with these header rows. A row without a name or secret is kept as typed, so the
 * check on save names it (`headers.X-Api-Key`); two rows with one name keep the last.
 */
export function withHeaders(server: McpServerConfig, rows: readonly HeaderRow[]): McpServerConfig {
  if (server.transport !== 'http') return server;
  const { headers: _old, ...rest } = server;
  if (rows.length === 0) return rest;
  return { ...rest, headers: Object.fromEntries(rows.map((r) => [r.name, r.secret ?? ''])) };
}

/**
 * What the workspace server's `--mcp` file needs for this server: a browser cannot start a stdio
 * server, so the form says where it goes instead.
 */
export function serverFileEntry(name: string, server: McpServerConfig): string {
  return JSON.stringify({ [name]: server }, null, 2);
}
