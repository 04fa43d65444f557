import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { mcpServerStatusSchema } from '../../src/flow/index.ts';
import type { McpCatalog, StreamMessage } from '../../src/protocol/index.ts';
import { createHost } from '../../src/worker/host.ts';
import type { HostApi } from '../../src/worker/protocol.ts';
import { DexieToolPins } from '../../src/worker/toolPins.ts';
import { McpStandIn } from '../stand-ins/mcpServer.ts';
import { flow, link, node } from '../unit/build.ts';
import { until } from './harness/world.ts';

// Canaries: values that must reach the MCP server and never be recorded or shown.
const BEARER = 'mcp-canary-bearer-5f1c9a30';
const API_KEY = 'mcp-canary-apikey-77d0e2b1';
const vault: Record<string, string> = { CRM_MCP_TOKEN: BEARER, CRM_API_KEY: API_KEY };
const secrets = { get: (name: string) => Promise.resolve(vault[name]) };

/** start → look a record up → ask the server what credentials it got → output both. */
const crmFlow = (lookupInput: Record<string, string> = { id: '{{ run.input.id }}' }) =>
  flow(
    'crm-lookup',
    [
      node('start', 'start', {
        inputs: [{ name: 'id', type: 'text', required: true, description: '' }],
      }),
      node('lookup', 'capability', { capability: 'mcp.crm.lookupRecord', input: lookupInput }),
      node('echo', 'capability', { capability: 'mcp.crm.echoCredentials' }),
      node('finish', 'output', {
        value: '{ "record": $nodes.lookup, "echo": $nodes.echo }',
        status: 'succeeded',
      }),
    ],
    [link('start', 'lookup'), link('lookup', 'echo'), link('echo', 'finish')],
  );

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`the host refused: ${JSON.stringify(result.error)}`);
  return result.value;
};

async function finished(host: HostApi, runId: string) {
  return until(async () => {
    const record = value(await host.run({ runId }));
    return record && record.status !== 'running' ? record : undefined;
  }, `run ${runId} to end`);
}

let databases = 0;

describe('MCP servers in the worker host, from its settings', () => {
  let mcp: McpStandIn;
  let store: MemoryStore;
  let host: HostApi;
  let pinsDb: string;
  const heard: StreamMessage[] = [];
  beforeEach(async () => {
    mcp = await new McpStandIn({
      token: BEARER,
      header: { name: 'X-Api-Key', value: API_KEY },
    }).start();
    store = new MemoryStore();
    pinsDb = `aios-mcp-test-${++databases}`;
    heard.length = 0;
    host = createHost({
      store,
      fetch,
      clock: new ManualClock(),
      secrets,
      toolPins: new DexieToolPins(() => 1, pinsDb, { indexedDB, IDBKeyRange }),
    });
    await host.subscribe((message) => void heard.push(message));
    value(
      await host.configure({
        settings: {
          providers: {},
          connections: {},
          mcpServers: {
            crm: {
              transport: 'http',
              url: mcp.url,
              secret: 'CRM_MCP_TOKEN',
              headers: { 'X-Api-Key': 'CRM_API_KEY' },
            },
            files: { transport: 'stdio', command: 'npx', args: ['some-files-server'] },
          },
        },
      }),
    );
  });
  afterEach(() => mcp.stop());

  it('lists the tools of each server, and says a browser cannot start a stdio one', async () => {
    const catalog: McpCatalog = value(await host.mcpTools({}));
    expect(catalog.place).toBe('browser');
    const [crm, files] = catalog.servers;
    expect(crm).toMatchObject({ name: 'crm', transport: 'http', where: mcp.url, problems: [] });
    expect(crm?.tools.map((t) => [t.id, t.sideEffect, t.changed])).toEqual([
      ['mcp.crm.lookupRecord', 'read', false],
      ['mcp.crm.deleteRecord', 'destructive', false],
      ['mcp.crm.slowExport', 'write', false],
      ['mcp.crm.echoCredentials', 'read', false],
    ]);
    expect(crm?.tools[0]?.inputSchema).toMatchObject({ required: ['id'] });
    expect(files).toMatchObject({
      name: 'files',
      transport: 'stdio',
      tools: [],
      problems: [expect.stringMatching(/a browser cannot start a local process/) as unknown],
    });
  });

  it('runs a flow that calls MCP tools, and records no credential it sent', async () => {
    const { runId } = value(await host.start({ flow: crmFlow(), input: { id: 'r2' } }));
    const record = await finished(host, runId);
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({
      value: {
        record: { id: 'r2', name: 'Sam Client' },
        // The server echoed both credentials; what was kept has their names instead.
        echo: {
          authorization: 'Bearer [secret CRM_MCP_TOKEN]',
          'X-Api-Key': '[secret CRM_API_KEY]',
        },
      },
    });
    expect(mcp.calls.map((c) => c.tool)).toEqual(['lookup_record', 'echo_credentials']);
    const kept = JSON.stringify({
      events: await store.events(runId),
      effects: await store.effects(runId),
      record: await store.getRun(runId),
      answers: [await host.run({ runId }), await host.events({ runId }), await host.mcpTools({})],
      heard,
    });
    expect(kept).toContain('[secret CRM_MCP_TOKEN]');
    expect(kept).not.toContain(BEARER);
    expect(kept).not.toContain(API_KEY);
  });

  it('refuses a tool whose schema changed, naming it, until it is approved again', async () => {
    const first = value(await host.mcpTools({})).servers[0]?.tools.find(
      (t) => t.id === 'mcp.crm.lookupRecord',
    );
    mcp.changeLookupSchema();
    // The server announces the change; the host lists it again and tells the page.
    const changed = await until(async () => {
      const crm = value(await host.mcpTools({})).servers[0];
      return crm?.tools.find((t) => t.id === 'mcp.crm.lookupRecord' && t.changed);
    }, 'the changed tool');
    expect(heard.some((m) => m.kind === 'tools')).toBe(true);
    // What was accepted comes with it, kept in IndexedDB with the pin: the page shows the change.
    expect(changed.previous).toEqual({
      inputSchema: first?.inputSchema,
      outputSchema: first?.outputSchema,
      annotations: first?.annotations,
    });
    expect(changed.inputSchema).not.toEqual(first?.inputSchema);
    // What the host answers is exactly the one shape the page and API clients are told of.
    for (const server of value(await host.mcpTools({})).servers)
      expect(mcpServerStatusSchema.parse(server)).toEqual(server);

    const refused = await host.start({ flow: crmFlow(), input: { id: 'r2' } });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-flow',
        message: expect.stringMatching(
          /nodes\[1\]\.data\.capability: the MCP tool "mcp\.crm\.lookupRecord" has changed/,
        ) as unknown,
      },
    });
    expect(mcp.calls).toEqual([]);

    const approved = value(await host.mcpApprove({ id: 'mcp.crm.lookupRecord' }));
    expect(approved).toMatchObject({ changed: false, schemaHash: changed.schemaHash });
    expect(approved.previous).toBeUndefined();
    // Kept in IndexedDB: the next time this browser opens, the approval holds.
    const pins = await new DexieToolPins(() => 1, pinsDb, { indexedDB, IDBKeyRange }).all();
    expect(pins['mcp.crm.lookupRecord']).toBe(changed.schemaHash);

    const { runId } = value(
      await host.start({
        flow: crmFlow({ id: '{{ run.input.id }}', includeHistory: '{{ run.input.full }}' }),
        input: { id: 'r1', full: true },
      }),
    );
    expect((await finished(host, runId)).result).toMatchObject({
      value: { record: { id: 'r1', name: 'Pat Customer' } },
    });
  });

  it('tests unsaved settings: lists the tools, pins nothing, and names a missing secret', async () => {
    value(await host.mcpTools({}));
    const before = await new DexieToolPins(() => 1, pinsDb, { indexedDB, IDBKeyRange }).all();
    const tested = value(
      await host.mcpTest({
        name: 'other',
        server: {
          transport: 'http',
          url: mcp.url,
          secret: 'CRM_MCP_TOKEN',
          headers: { 'X-Api-Key': 'CRM_API_KEY' },
        },
      }),
    );
    expect(tested.tools.map((t) => t.id)).toContain('mcp.other.deleteRecord');
    expect(await new DexieToolPins(() => 1, pinsDb, { indexedDB, IDBKeyRange }).all()).toEqual(
      before,
    );

    expect(
      await host.mcpTest({
        name: 'other',
        server: { transport: 'http', url: mcp.url, secret: 'CRM_MCP_TOKEN' },
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/refused the token \(HTTP 401\)/) as unknown },
    });
    expect(
      await host.mcpTest({
        name: 'other',
        server: { transport: 'http', url: mcp.url, secret: 'NOT_SET' },
      }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/the secret "NOT_SET" is not in the vault/) as unknown,
      },
    });
  });
});
