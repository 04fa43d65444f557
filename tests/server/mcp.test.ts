import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { flow, link, node } from '../unit/build.ts';
import { chainFlow, CountingRemote } from './fixtures.ts';
import { eventually } from './poll.ts';

const CANARY = 'server-stdio-canary-6c2d81';
const script = join(import.meta.dirname, '..', 'stand-ins', 'mcpStdioServer.ts');
let server: RunningServer;
let remote: CountingRemote;
let dir: string;
let token: string;

/** A flow that looks a record up with the server's stdio MCP tool. */
const lookupFlow = flow(
  'crm-lookup',
  [
    node('start', 'start', {
      inputs: [{ name: 'id', type: 'text', required: true, description: 'the record id' }],
    }),
    node('lookup', 'capability', {
      capability: 'mcp.crm.lookupRecord',
      input: { id: '{{ run.input.id }}' },
    }),
    node('done', 'output', { value: '$nodes.lookup', status: 'succeeded' }),
  ],
  [link('start', 'lookup'), link('lookup', 'done')],
  { description: 'Finds a CRM record by id.' },
);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aios-mcp-server-'));
  remote = await new CountingRemote().start();
  server = await startServer({
    database: { kind: 'pglite', dataDir: 'memory://' },
    dataDir: dir,
    workers: 1,
    timing: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 },
    connections: { crm: { baseUrl: `${remote.url}/crm` } },
    mcpServers: {
      crm: {
        transport: 'stdio',
        command: process.execPath,
        args: ['--import', 'tsx', script],
        env: { CRM_TOKEN: 'CRM_TOKEN' },
      },
    },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [],
    env: { AIOS_SECRET_CRM_TOKEN: CANARY },
  });
  token = server.newToken ?? '';
  await server.service.deploy({ flow: lookupFlow });
  await server.service.deploy({ flow: chainFlow('reviewed', 1, true) });
  await server.service.deploy({
    flow: chainFlow('hook-only', 1, false, [
      { type: 'webhook', secret: 'HOOK_SECRET', signatureHeader: 'X-Signature-256' },
    ]),
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await remote?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function connect(bearer = token): Promise<Client> {
  const client = new Client({ name: 'another-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}

describe('deployed flows as MCP tools on the workspace server', () => {
  it('refuses a client without the access token', async () => {
    const refused = await connect('aios_not-the-token').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StreamableHTTPError);
    expect((refused as StreamableHTTPError).code).toBe(401);
  });

  it('offers each flow started by hand, with its Start fields as the arguments', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'flow_crm-lookup',
      'flow_reviewed',
      'run_status',
    ]);
    const lookup = tools.find((t) => t.name === 'flow_crm-lookup');
    expect(lookup?.description).toContain('Finds a CRM record by id.');
    expect(lookup?.inputSchema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'string', description: 'the record id' } },
      required: ['id'],
    });
    await client.close();
  });

  it('runs a flow that calls the server’s own stdio MCP tool, and answers its result', async () => {
    const client = await connect();
    const answer = await client.callTool({ name: 'flow_crm-lookup', arguments: { id: 'r2' } });
    expect(answer.isError).toBeUndefined();
    expect(answer.structuredContent).toMatchObject({
      status: 'succeeded',
      result: { value: { id: 'r2', name: 'Sam Client' } },
    });
    const runId = (answer.structuredContent as { runId: string }).runId;
    // An ordinary run: in the store, with its policy decision logged.
    const events = await server.core.store.events(runId);
    expect(events.find((e) => e.type === 'policy.decided')).toMatchObject({
      capability: 'mcp.crm.lookupRecord',
    });
    expect(JSON.stringify(events)).not.toContain(CANARY);

    const wrong = await client.callTool({ name: 'flow_crm-lookup', arguments: { id: 7 } });
    expect(wrong.isError).toBe(true);
    await client.close();
  });

  it('makes one run of a call sent again with its idempotency key', async () => {
    const client = await connect();
    const call = (key: string) =>
      client.callTool({
        name: 'flow_crm-lookup',
        arguments: { id: 'r2' },
        _meta: { idempotencyKey: key },
      });
    const runOf = (answer: Awaited<ReturnType<typeof call>>) =>
      (answer.structuredContent as { runId: string }).runId;
    const first = runOf(await call('call-1'));
    expect(runOf(await call('call-1'))).toBe(first);
    expect(runOf(await call('call-2'))).not.toBe(first);
    // The HTTP header does the same for a client that cannot set `_meta`.
    const keyed = new Client({ name: 'keyed-agent', version: '1.0.0' });
    await keyed.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'call-1' } },
      }),
    );
    const again = await keyed.callTool({ name: 'flow_crm-lookup', arguments: { id: 'r2' } });
    expect(runOf(again)).toBe(first);
    // The same key with other arguments is refused, naming the key; the first run stands.
    const reused = await client.callTool({
      name: 'flow_crm-lookup',
      arguments: { id: 'r3' },
      _meta: { idempotencyKey: 'call-1' },
    });
    expect(reused.isError).toBe(true);
    const said = JSON.stringify(reused.content);
    expect(said).toContain('idempotency-conflict');
    expect(said).toContain('\\"call-1\\"');
    expect(said).toContain(first);
    expect(runOf(await call('call-1'))).toBe(first);
    const tooLong = await call('k'.repeat(300));
    expect(tooLong.isError).toBe(true);
    expect(JSON.stringify(tooLong.content)).toContain('idempotency');
    await keyed.close();
    await client.close();
  });

  it('answers that a run waits for a person, and its result once decided', async () => {
    const client = await connect();
    const answer = await client.callTool({
      name: 'flow_reviewed',
      arguments: { contact: 'pat@example.com' },
    });
    expect(answer.structuredContent).toMatchObject({ status: 'waiting', waitingFor: ['Go on?'] });
    const runId = (answer.structuredContent as { runId: string }).runId;
    const [pending] = await server.service.approvals(runId);
    await server.service.decide(pending?.key ?? '', { decision: 'approved' });
    const done = await eventually(async () => {
      const status = await client.callTool({ name: 'run_status', arguments: { runId } });
      const outcome = status.structuredContent as { status: string };
      return outcome.status === 'succeeded' ? status : undefined;
    }, 'the approved run to finish');
    expect(done.content).toMatchObject([
      { type: 'text', text: expect.stringMatching(/succeeded/) as unknown },
    ]);
    await client.close();
  });

  it('refuses a deploy that names an MCP tool the server does not have', async () => {
    const unknown = {
      ...lookupFlow,
      id: 'nope',
      nodes: lookupFlow.nodes.map((n) =>
        n.id === 'lookup' ? { ...n, data: { ...n.data, capability: 'mcp.crm.noSuchTool' } } : n,
      ),
    };
    await expect(server.service.deploy({ flow: unknown })).rejects.toThrow(
      /unknown capability "mcp\.crm\.noSuchTool"/,
    );
  });
});
