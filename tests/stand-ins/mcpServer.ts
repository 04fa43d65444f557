import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { crmRecords, crmServer, lookupParams, type ToolCall } from './mcpCrm.ts';

/** A gate a slow call waits at until the test opens it. */
interface Gate {
  readonly entered: Promise<void>;
  open(): void;
}

interface McpStandInOptions {
  /** Required as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** A header required with this value (an API key sent as its own header). */
  readonly header?: { readonly name: string; readonly value: string };
  /** Answer CORS as an MCP server meant for web pages does (preflight, `Mcp-Session-Id` exposed). */
  readonly cors?: boolean;
}

/**
 * A real MCP server built with the SDK, over Streamable HTTP on 127.0.0.1 (`POST /mcp`, sessions
 * by `Mcp-Session-Id`, credentials required when set), with the CRM tools of `mcpCrm.ts`.
 */
export class McpStandIn {
  readonly calls: ToolCall[] = [];
  readonly records = crmRecords();
  private gate: { wait: Promise<void>; enter(): void } | undefined;
  private http: Server | undefined;
  private readonly transports = new Map<string, StreamableHTTPServerTransport>();
  private readonly servers: McpServer[] = [];
  private lookup: RegisteredTool[] = [];
  private upgraded = false;
  private seen: Record<string, string | undefined> = {};
  private readonly options: McpStandInOptions;
  url = '';

  constructor(options: McpStandInOptions | string = {}) {
    this.options = typeof options === 'string' ? { token: options } : options;
  }

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
    for (const tool of this.lookup) tool.update({ paramsSchema: lookupParams(true) });
  }

  private build(): McpServer {
    const { server, lookup } = crmServer({
      calls: this.calls,
      records: this.records,
      passGate: () => this.passGate(),
      upgraded: () => this.upgraded,
      credentials: () => this.seen,
    });
    this.lookup.push(lookup);
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
    if (this.options.cors) {
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('access-control-expose-headers', 'mcp-session-id, mcp-protocol-version');
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
            'access-control-allow-headers':
              req.headers['access-control-request-headers'] ?? 'content-type',
            'access-control-max-age': '600',
          })
          .end();
        return;
      }
    }
    const { token, header } = this.options;
    const headerValue = header ? req.headers[header.name.toLowerCase()] : undefined;
    if (
      (token && req.headers.authorization !== `Bearer ${token}`) ||
      (header && headerValue !== header.value)
    ) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32001, message: 'Unauthorized' },
          id: null,
        }),
      );
      return;
    }
    this.seen = {
      authorization: req.headers.authorization,
      ...(header
        ? { [header.name]: typeof headerValue === 'string' ? headerValue : undefined }
        : {}),
    };
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
