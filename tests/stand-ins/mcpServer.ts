import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** One `tools/call` the server received, in order. */
export interface ToolCall {
  readonly tool: string;
  readonly args: unknown;
}

/** A gate a slow call waits at until the test opens it. */
interface Gate {
  readonly entered: Promise<void>;
  open(): void;
}

/**
 * A real MCP server built with the SDK, over Streamable HTTP on 127.0.0.1 (`POST /mcp`, sessions
 * by `Mcp-Session-Id`, bearer token required when `token` is set), with a CRM-like record store:
 * - `lookup_record` (read-only): a record by id;
 * - `delete_record` (destructive): deletes one, waiting at the test's gate when one is set;
 * - `slow_export` (no hints): waits at its gate, then says how many records it exported.
 */
export class McpStandIn {
  readonly calls: ToolCall[] = [];
  readonly records = new Map<string, { name: string }>([
    ['r1', { name: 'Pat Customer' }],
    ['r2', { name: 'Sam Client' }],
  ]);
  private gate: { wait: Promise<void>; enter(): void } | undefined;
  private http: Server | undefined;
  private readonly transports = new Map<string, StreamableHTTPServerTransport>();
  private readonly servers: McpServer[] = [];
  private lookup: RegisteredTool[] = [];
  private upgraded = false;
  url = '';

  constructor(private readonly token?: string) {}

  /** Makes the next delete or export wait until `open()`; `entered` resolves once it waits. */
  hold(): Gate {
    let open!: () => void;
    let enter!: () => void;
    const wait = new Promise<void>((resolve) => (open = resolve));
    const entered = new Promise<void>((resolve) => (enter = resolve));
    this.gate = { wait, enter };
    return { entered, open: () => open() };
  }

  private async passGate(): Promise<void> {
    const gate = this.gate;
    if (!gate) return;
    this.gate = undefined;
    gate.enter();
    await gate.wait;
  }

  /** Changes `lookup_record`'s input schema, as a server upgrade would: for every session, new ones too. */
  changeLookupSchema(): void {
    this.upgraded = true;
    for (const tool of this.lookup) tool.update({ paramsSchema: this.lookupParams() });
  }

  private lookupParams(): { id: z.ZodString; includeHistory?: z.ZodBoolean } {
    const id = z.string().min(1);
    return this.upgraded ? { id, includeHistory: z.boolean() } : { id };
  }

  private build(): McpServer {
    const server = new McpServer({ name: 'crm-stand-in', version: '1.0.0' });
    this.lookup.push(
      server.registerTool(
        'lookup_record',
        {
          title: 'Look up a record',
          description: 'A record by its id.',
          inputSchema: this.lookupParams(),
          outputSchema: { id: z.string(), name: z.string() },
          annotations: { readOnlyHint: true, openWorldHint: false },
        },
        ({ id }) => {
          this.calls.push({ tool: 'lookup_record', args: { id } });
          const record = this.records.get(id);
          if (!record)
            return { isError: true, content: [{ type: 'text', text: `no record "${id}"` }] };
          return {
            content: [{ type: 'text', text: JSON.stringify({ id, ...record }) }],
            structuredContent: { id, ...record },
          };
        },
      ),
    );
    server.registerTool(
      'delete_record',
      {
        title: 'Delete a record',
        description: 'Deletes a record for good.',
        inputSchema: { id: z.string().min(1) },
        annotations: { destructiveHint: true, idempotentHint: false },
      },
      async ({ id }) => {
        this.calls.push({ tool: 'delete_record', args: { id } });
        await this.passGate();
        const existed = this.records.delete(id);
        return {
          content: [{ type: 'text', text: existed ? `deleted ${id}` : `no record "${id}"` }],
        };
      },
    );
    server.registerTool(
      'slow_export',
      {
        description: 'Exports every record (slowly).',
        inputSchema: { format: z.enum(['csv', 'json']) },
      },
      async ({ format }) => {
        this.calls.push({ tool: 'slow_export', args: { format } });
        await this.passGate();
        return { content: [{ type: 'text', text: `exported ${this.records.size} as ${format}` }] };
      },
    );
    this.servers.push(server);
    return server;
  }

  async start(): Promise<this> {
    this.http = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    const { port } = this.http.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/mcp`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp') {
      res.writeHead(404).end();
      return;
    }
    if (this.token && req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32001, message: 'Unauthorized' },
          id: null,
        }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body: unknown =
      chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const session = req.headers['mcp-session-id'];
    let transport = typeof session === 'string' ? this.transports.get(session) : undefined;
    if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
      const fresh: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void this.transports.set(id, fresh),
      });
      fresh.onclose = () => fresh.sessionId && this.transports.delete(fresh.sessionId);
      await this.build().connect(fresh);
      transport = fresh;
    }
    if (!transport) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Bad Request: No valid session ID provided' },
          id: null,
        }),
      );
      return;
    }
    await transport.handleRequest(req, res, body);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close().catch(() => undefined)));
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => this.http?.close(() => resolve()) ?? resolve());
  }
}
