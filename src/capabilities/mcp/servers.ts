import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { NodeError, type CapabilitySource } from '../../engine/contract/index.ts';
import type { AnyCapability } from '../define.ts';
import type { McpServerStatus, McpToolInfo } from '../../flow/index.ts';
import { infoOf, toolsOf, type KnownTool } from './listing.ts';
import { MemoryToolPins, pinnedSchemasOf, type ToolPins } from './pins.ts';
import type { McpServerSettings, SessionDeps } from './session.ts';
import type { McpTool } from './tool.ts';

/**
 * The SDK's client and transports, loaded the first time a server is opened: a workspace
 * without MCP servers never loads them (the browser's worker fetches them as their own chunk).
 */
const sdk = () => import('./session.ts');

/** Why opening or listing a server failed, in words (see `whyFailed`). */
async function reasonOf(settings: McpServerSettings | undefined, error: unknown): Promise<string> {
  try {
    return (await sdk()).whyFailed(settings, error);
  } catch {
    // The SDK itself could not be loaded: that is the error to tell.
    return error instanceof Error ? error.message : String(error);
  }
}

interface McpToolsOptions extends SessionDeps {
  readonly servers: Readonly<Record<string, McpServerSettings>>;
  /** Where first-seen schema hashes are kept; in memory when not given. */
  readonly pins?: ToolPins;
  /** Applied to every problem's text before it is kept (a host's secret mask). */
  readonly redact?: (text: string) => string;
}

const whereOf = (s: McpServerSettings) =>
  s.transport === 'http' ? s.url : [s.command, ...s.args].join(' ');

interface Session {
  /** The settings it was opened with, as JSON: other settings mean another session. */
  readonly settings: string;
  readonly client: Promise<Client>;
}

/**
 * The tools of the configured MCP servers as capabilities (`Services.capabilities`), one session
 * per server. `refresh` lists every server's tools (all pages); a server that announces its list
 * changed (`notifications/tools/list_changed`) is listed again on its own. What a server could
 * not give (no connection, a tool whose schema zod cannot read, two tools with one id) is kept
 * in `problems`, by server, and its tools are simply absent, so validation names them unknown.
 *
 * Each tool's schema hash is pinned the first time it is seen (`pins`); a tool listed later with
 * another hash (its schemas or annotations changed) is refused, naming the server and the tool,
 * until `approve` accepts it as it is now.
 */
export class McpTools implements CapabilitySource {
  private servers: Readonly<Record<string, McpServerSettings>>;
  private readonly sessions = new Map<string, Session>();
  private readonly byServer = new Map<string, ReadonlyMap<string, KnownTool>>();
  private readonly pins: ToolPins;
  private readonly changed = new Set<() => void>();
  readonly problems = new Map<string, string[]>();

  constructor(private readonly options: McpToolsOptions) {
    this.servers = options.servers;
    this.pins = options.pins ?? new MemoryToolPins();
  }

  /** The tool as a capability; a tool that changed since it was accepted is refused here. */
  get(id: string): AnyCapability | undefined {
    const known = this.known(id);
    if (known?.changedFrom !== undefined)
      throw new NodeError('mcp-tool-changed', changedMessage(known), {
        path: 'capability',
        unsent: true,
      });
    return known?.capability;
  }

  known(id: string): KnownTool | undefined {
    const server = id.split('.')[1];
    return server === undefined ? undefined : this.byServer.get(server)?.get(id);
  }

  /** Every tool known now, by capability id. */
  tools(): ReadonlyMap<string, KnownTool> {
    return new Map([...this.byServer.values()].flatMap((tools) => [...tools]));
  }

  /** Each configured server, what it offers and what went wrong, in the settings' order. */
  status(): McpServerStatus[] {
    return Object.entries(this.servers).map(([name, settings]) => ({
      name,
      transport: settings.transport,
      where: whereOf(settings),
      problems: this.problems.get(name) ?? [],
      tools: [...(this.byServer.get(name)?.values() ?? [])].map(infoOf),
    }));
  }

  /** Called after every change to the tools or problems (a list, a refresh, an approval). */
  onChange(listener: () => void): () => void {
    this.changed.add(listener);
    return () => void this.changed.delete(listener);
  }

  /** Lists every server's tools again; a server that fails keeps none and says why in `problems`. */
  async refresh(): Promise<void> {
    await Promise.all(Object.keys(this.servers).map((name) => this.refreshServer(name)));
  }

  /**
   * Uses these servers from now on: sessions of servers removed or set up differently are
   * closed, and every server is listed again.
   */
  async configure(servers: Readonly<Record<string, McpServerSettings>>): Promise<void> {
    this.servers = servers;
    for (const [name, session] of [...this.sessions]) {
      const now = servers[name];
      if (now && JSON.stringify(now) === session.settings) continue;
      this.sessions.delete(name);
      void closeSession(session);
    }
    for (const name of [...this.byServer.keys()])
      if (!(name in servers)) this.byServer.delete(name);
    for (const name of [...this.problems.keys()])
      if (!(name in servers)) this.problems.delete(name);
    await this.refresh();
  }

  /** Accepts a changed tool as it is listed now (its hash pinned again). */
  async approve(id: string): Promise<McpToolInfo> {
    const known = this.known(id);
    if (!known)
      throw new NodeError(
        'unknown-capability',
        `no MCP server offers "${id}" now; refresh its server in Connections → MCP`,
        { path: 'id' },
      );
    await this.pins.set(id, known.schemaHash, pinnedSchemasOf(known.listed));
    const approved: KnownTool = { ...known, changedFrom: undefined, accepted: undefined };
    const tools = new Map(this.byServer.get(known.server));
    tools.set(id, approved);
    this.byServer.set(known.server, tools);
    this.emit();
    return infoOf(approved);
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(closeSession));
  }

  private emit(): void {
    for (const listener of this.changed) listener();
  }

  private problem(name: string, problems: readonly string[]): void {
    const redact = this.options.redact ?? ((text: string) => text);
    if (problems.length > 0) this.problems.set(name, problems.map(redact));
    else this.problems.delete(name);
  }

  private async refreshServer(name: string): Promise<void> {
    const session = this.session(name);
    try {
      const client = await session.client;
      const tools = await (await sdk()).listAll(client);
      if (this.sessions.get(name) === session) await this.adopt(name, client, tools);
    } catch (error) {
      const reason = await reasonOf(this.servers[name], error);
      if (this.sessions.get(name) !== session) return;
      this.sessions.delete(name);
      void closeSession(session);
      this.byServer.delete(name);
      this.problem(name, [`MCP server "${name}" could not be reached: ${reason}`]);
      this.emit();
    }
  }

  private async adopt(name: string, client: Client, tools: readonly McpTool[]): Promise<void> {
    const { known, problems } = await toolsOf(name, client, tools);
    const pins = await this.pins.all();
    for (const [id, tool] of known) {
      const pinned = pins[id];
      if (pinned === undefined)
        await this.pins.set(id, tool.schemaHash, pinnedSchemasOf(tool.listed));
      else if (pinned !== tool.schemaHash)
        known.set(id, await changedFrom(tool, pinned, this.pins));
    }
    this.byServer.set(name, known);
    this.problem(name, problems);
    this.emit();
  }

  private session(name: string): Session {
    const existing = this.sessions.get(name);
    if (existing) return existing;
    const settings = this.servers[name];
    const session: Session = {
      settings: JSON.stringify(settings),
      client: settings
        ? sdk().then(({ openSession }) =>
            openSession(name, settings, this.options, (client, tools) => {
              if (this.sessions.get(name) !== session) return;
              if (tools) void this.adopt(name, client, tools);
              else void this.refreshServer(name);
            }),
          )
        : Promise.reject(new Error(`no MCP server "${name}" in the settings`)),
    };
    session.client.catch(() => undefined);
    this.sessions.set(name, session);
    return session;
  }
}

/** A tool listed with another hash than `pinned`, with what was accepted when the pin kept it. */
async function changedFrom(tool: KnownTool, pinned: string, pins: ToolPins): Promise<KnownTool> {
  return { ...tool, changedFrom: pinned, accepted: await pins.schemasOf(tool.capability.id) };
}

function changedMessage(known: KnownTool): string {
  return `MCP server "${known.server}" changed the tool "${known.tool}" since it was approved (its schemas or annotations differ): review it in Connections → MCP and approve it again before it runs`;
}

async function closeSession(session: Session): Promise<void> {
  await (await session.client.catch(() => undefined))?.close().catch(() => undefined);
}

/**
 * Opens one server's settings (saved or not) just to list its tools, then closes it: the MCP
 * tab's Test. Nothing is pinned; `pins`, when given, tells which tools changed since accepted.
 */
export async function testMcpServer(
  name: string,
  settings: McpServerSettings,
  deps: SessionDeps & { readonly pins?: ToolPins },
): Promise<{ tools: McpToolInfo[]; problems: string[] }> {
  let client: Client | undefined;
  try {
    const { openSession, listAll } = await sdk();
    client = await openSession(name, settings, deps, () => undefined);
    const { known, problems } = await toolsOf(name, client, await listAll(client));
    const pins = deps.pins;
    const hashes = (await pins?.all()) ?? {};
    const tools = await Promise.all(
      [...known.values()].map(async (tool) => {
        const pinned = hashes[tool.capability.id];
        return infoOf(
          pins && pinned !== undefined && pinned !== tool.schemaHash
            ? await changedFrom(tool, pinned, pins)
            : tool,
        );
      }),
    );
    return { tools, problems };
  } catch (error) {
    throw new NodeError(
      'mcp-call',
      `MCP server "${name}" could not be reached: ${await reasonOf(settings, error)}`,
    );
  } finally {
    await client?.close().catch(() => undefined);
  }
}
