import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpTool } from './tool.ts';

/**
 * One configured server, as the runtime settings' `mcpServers` hold it. Credentials are vault
 * secrets named here, never values: HTTP sends `secret` as a bearer token and each of `headers`
 * (header name → secret name); a stdio process gets each of `env` (variable → secret name).
 */
export type McpServerSettings =
  | {
      readonly transport: 'http';
      readonly url: string;
      readonly secret?: string | undefined;
      readonly headers?: Readonly<Record<string, string>> | undefined;
    }
  | {
      readonly transport: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly env?: Readonly<Record<string, string>> | undefined;
    };

export type StdioSettings = Extract<McpServerSettings, { transport: 'stdio' }>;

/**
 * Starts a stdio server's process with `env` (its secrets, resolved) added to what it inherits.
 * Only a Node host has one (`src/server/mcpStdio.ts`); a browser cannot start a process.
 */
export type StdioStarter = (settings: StdioSettings, env: Record<string, string>) => Transport;

export interface SessionDeps {
  readonly secrets: { get(name: string): Promise<string | undefined> };
  readonly fetch?: typeof fetch | undefined;
  readonly stdio?: StdioStarter | undefined;
}

/** The values of the secrets a server's settings name, by where they go; a missing one is said. */
async function resolveSecrets(
  names: Readonly<Record<string, string>>,
  secrets: SessionDeps['secrets'],
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [where, name] of Object.entries(names)) {
    const value = await secrets.get(name);
    if (value === undefined) throw new Error(`the secret "${name}" is not in the vault`);
    values[where] = value;
  }
  return values;
}

async function transportOf(
  name: string,
  settings: McpServerSettings,
  deps: SessionDeps,
): Promise<Transport> {
  if (settings.transport === 'stdio') {
    if (!deps.stdio)
      throw new Error(
        `"${name}" is a stdio server: a browser cannot start a local process; it runs where the workspace server does (aios serve --mcp)`,
      );
    return deps.stdio(settings, await resolveSecrets(settings.env ?? {}, deps.secrets));
  }
  const headers = await resolveSecrets(settings.headers ?? {}, deps.secrets);
  if (settings.secret) {
    const { token } = await resolveSecrets({ token: settings.secret }, deps.secrets);
    headers['authorization'] = `Bearer ${token ?? ''}`;
  }
  return new StreamableHTTPClientTransport(new URL(settings.url), {
    ...(Object.keys(headers).length > 0 ? { requestInit: { headers } } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

/**
 * Opens one MCP session: the SDK client over the server's transport. `onTools` hears each list
 * the server sends after announcing a change (`notifications/tools/list_changed`), or `undefined`
 * when fetching it failed.
 */
export async function openSession(
  name: string,
  settings: McpServerSettings,
  deps: SessionDeps,
  onTools: (client: Client, tools: readonly McpTool[] | undefined) => void,
): Promise<Client> {
  const client: Client = new Client(
    { name: 'aios-workspace', version: '1.0.0' },
    {
      listChanged: {
        tools: { onChanged: (error, tools) => onTools(client, error ? undefined : (tools ?? [])) },
      },
    },
  );
  await client.connect(await transportOf(name, settings, deps));
  return client;
}

/** Every tool a session lists, all pages. */
export async function listAll(client: Client): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

/** Why a server failed, in words a person acts on (a refused credential names its secrets). */
export function whyFailed(settings: McpServerSettings | undefined, error: unknown): string {
  if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403)) {
    const named =
      settings?.transport === 'http'
        ? [settings.secret, ...Object.values(settings.headers ?? {})].filter(Boolean)
        : [];
    return named.length > 0
      ? `it refused the token (HTTP ${error.code}); check the secret${named.length > 1 ? 's' : ''} ${named.map((n) => `"${n}"`).join(', ')}`
      : `it wants a token (HTTP ${error.code}); name a secret for it in the settings`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (settings?.transport === 'http' && /fetch|network|ECONNREFUSED/i.test(message))
    return `${settings.url} did not answer (${message}): is the server running, and does it take calls from this page (CORS)?`;
  return message;
}
