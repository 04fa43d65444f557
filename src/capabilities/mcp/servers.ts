import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CapabilitySource } from '../../engine/executor.ts';
import type { AnyCapability } from '../define.ts';
import { schemaHashOf } from './hash.ts';
import {
  capabilityOfTool,
  idPartOf,
  mcpCapabilityId,
  type McpCallResult,
  type McpTool,
} from './tool.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `tools/call` answer; servers before protocol 2024-11-05 answer `toolResult` instead. */
function resultOf(answer: Record<string, unknown>): McpCallResult {
  const content: unknown = answer['content'];
  const structured = answer['structuredContent'];
  return {
    isError: answer['isError'] === true,
    content: Array.isArray(content)
      ? content
      : [{ type: 'text', text: JSON.stringify(answer['toolResult'] ?? null) }],
    ...(isRecord(structured) ? { structuredContent: structured } : {}),
  };
}

/** One configured server, as the runtime settings' `mcpServers` hold it. */
export type McpServerSettings =
  | { readonly transport: 'http'; readonly url: string; readonly secret?: string | undefined }
  | { readonly transport: 'stdio'; readonly command: string; readonly args: readonly string[] };

export interface McpToolsOptions {
  readonly servers: Readonly<Record<string, McpServerSettings>>;
  readonly secrets: { get(name: string): Promise<string | undefined> };
  readonly fetch?: typeof fetch;
  /** Starts a stdio server's process; only where a workspace server runs (`./stdio.ts`). */
  readonly stdio?: (settings: Extract<McpServerSettings, { transport: 'stdio' }>) => Transport;
}

/** A tool known from its server's last list: its capability and the hash of its schemas. */
export interface KnownTool {
  readonly server: string;
  readonly tool: string;
  readonly capability: AnyCapability;
  readonly schemaHash: string;
}

/**
 * The tools of the configured MCP servers as capabilities (`Services.capabilities`), one session
 * per server. `refresh` lists every server's tools (all pages); a server that announces its list
 * changed (`notifications/tools/list_changed`) is listed again on its own. What a server could
 * not give (no connection, a tool whose schema zod cannot read, two tools with one id) is kept
 * in `problems`, by server, and its tools are simply absent, so validation names them unknown.
 */
export class McpTools implements CapabilitySource {
  private readonly sessions = new Map<string, Promise<Client>>();
  private readonly byServer = new Map<string, ReadonlyMap<string, KnownTool>>();
  readonly problems = new Map<string, string[]>();

  constructor(private readonly options: McpToolsOptions) {}

  get(id: string): AnyCapability | undefined {
    return this.known(id)?.capability;
  }

  known(id: string): KnownTool | undefined {
    const server = id.split('.')[1];
    return server === undefined ? undefined : this.byServer.get(server)?.get(id);
  }

  /** Every tool known now, by capability id. */
  tools(): ReadonlyMap<string, KnownTool> {
    return new Map([...this.byServer.values()].flatMap((tools) => [...tools]));
  }

  /** Lists every server's tools again; a server that fails keeps none and says why in `problems`. */
  async refresh(): Promise<void> {
    await Promise.all(Object.keys(this.options.servers).map((name) => this.refreshServer(name)));
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(async (s) => (await s.catch(() => undefined))?.close()));
  }

  private async refreshServer(name: string): Promise<void> {
    try {
      const client = await this.session(name);
      const tools: McpTool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      await this.adopt(name, client, tools);
    } catch (error) {
      this.byServer.delete(name);
      this.sessions.delete(name);
      this.problems.set(name, [
        `MCP server "${name}" could not be reached: ${this.why(name, error)}`,
      ]);
    }
  }

  /** Why a server failed, in words a person acts on (a refused token names its secret). */
  private why(name: string, error: unknown): string {
    const settings = this.options.servers[name];
    if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403))
      return settings?.transport === 'http' && settings.secret
        ? `it refused the token (HTTP ${error.code}); check the secret "${settings.secret}"`
        : `it wants a token (HTTP ${error.code}); name a secret for it in the settings`;
    return error instanceof Error ? error.message : String(error);
  }

  private async adopt(name: string, client: Client, tools: readonly McpTool[]): Promise<void> {
    const known = new Map<string, KnownTool>();
    const problems: string[] = [];
    for (const tool of tools) {
      const part = idPartOf(tool.name);
      if (part === undefined) {
        problems.push(`tool "${tool.name}" has no letters or digits to name it by`);
        continue;
      }
      const id = mcpCapabilityId(name, part);
      const clash = known.get(id);
      if (clash) {
        problems.push(
          `tools "${clash.tool}" and "${tool.name}" would both be ${id}; neither is offered`,
        );
        known.delete(id);
        continue;
      }
      try {
        const capability = capabilityOfTool(name, part, tool, async (tool, args, signal) => {
          const result = await client.callTool({ name: tool, arguments: args }, undefined, {
            signal,
            // A slow tool is cut off by the run (its signal), not by a fixed request timeout.
            timeout: 2 ** 31 - 1,
          });
          return resultOf(result);
        });
        known.set(id, {
          server: name,
          tool: tool.name,
          capability,
          schemaHash: await schemaHashOf(tool),
        });
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    this.byServer.set(name, known);
    if (problems.length > 0) this.problems.set(name, problems);
    else this.problems.delete(name);
  }

  private session(name: string): Promise<Client> {
    const existing = this.sessions.get(name);
    if (existing) return existing;
    const opened = this.open(name);
    this.sessions.set(name, opened);
    return opened;
  }

  private async open(name: string): Promise<Client> {
    const settings = this.options.servers[name];
    if (!settings) throw new Error(`no MCP server "${name}" in the settings`);
    const client: Client = new Client(
      { name: 'aios-workspace', version: '1.0.0' },
      {
        listChanged: {
          tools: {
            onChanged: (error, tools) => {
              if (error || !tools) void this.refreshServer(name);
              else void this.adopt(name, client, tools);
            },
          },
        },
      },
    );
    await client.connect(await this.transport(name, settings));
    return client;
  }

  private async transport(name: string, settings: McpServerSettings): Promise<Transport> {
    if (settings.transport === 'stdio') {
      if (!this.options.stdio)
        throw new Error(
          `"${name}" is a stdio server, a local process only the workspace server can start`,
        );
      return this.options.stdio(settings);
    }
    const token = settings.secret ? await this.options.secrets.get(settings.secret) : undefined;
    if (settings.secret && token === undefined)
      throw new Error(`the secret "${settings.secret}" is not in the vault`);
    return new StreamableHTTPClientTransport(new URL(settings.url), {
      ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }
}
