import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryToolPins, type McpServerSettings } from '../../src/capabilities/mcp/index.ts';
import { cliEngine } from '../../src/cli/drive.ts';
import { MemoryStore, SecretMask } from '../../src/engine/index.ts';
import { serverMcp } from '../../src/server/mcp.ts';
import { flow, link, node } from '../unit/build.ts';
import { createWorld } from './harness/world.ts';

const CANARY = 'stdio-canary-token-0b93e1f4';
const script = join(import.meta.dirname, '..', 'stand-ins', 'mcpStdioServer.ts');
const dir = mkdtempSync(join(tmpdir(), 'aios-mcp-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stdio stand-in as a server's `--mcp` file names it; `upgrade` marks a newer version. */
const crmServer = (upgrade = join(dir, 'never')): McpServerSettings => ({
  transport: 'stdio',
  command: process.execPath,
  args: ['--import', 'tsx', script, upgrade],
  env: { CRM_TOKEN: 'CRM_TOKEN' },
});

const crmFlow = flow(
  'crm-stdio',
  [
    node('start', 'start', {
      inputs: [{ name: 'id', type: 'text', required: true, description: '' }],
    }),
    node('lookup', 'capability', {
      capability: 'mcp.crm.lookupRecord',
      input: { id: '{{ run.input.id }}' },
    }),
    node('echo', 'capability', { capability: 'mcp.crm.echoCredentials' }),
    node('finish', 'output', {
      value: '{ "record": $nodes.lookup, "echo": $nodes.echo }',
      status: 'succeeded',
    }),
  ],
  [link('start', 'lookup'), link('lookup', 'echo'), link('echo', 'finish')],
);

const io = () => {
  const lines: string[] = [];
  return { lines, io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) } };
};

describe('a stdio MCP server, started by a Node host', () => {
  it('runs its tools from a flow with the secret in its environment, never recorded', async () => {
    const store = new MemoryStore();
    const out = io();
    const { engine, mcp } = cliEngine(store, {}, { AIOS_SECRET_CRM_TOKEN: CANARY }, out.io, {
      crm: crmServer(),
    });
    try {
      await mcp.ready;
      expect(mcp.tools.problems).toEqual(new Map());
      expect([...mcp.tools.tools().keys()]).toContain('mcp.crm.lookupRecord');
      const run = await engine.start(crmFlow, { id: 'r1' });
      expect((await run.done).status).toBe('succeeded');
      // As kept: the engine's store masks every value the vault handed out.
      const record = await store.getRun(run.runId);
      expect(record?.result).toMatchObject({
        value: {
          record: { id: 'r1', name: 'Pat Customer' },
          // The process got the vault's value and echoed it; the run kept only its name.
          echo: { CRM_TOKEN: '[secret CRM_TOKEN]' },
        },
      });
      const kept = JSON.stringify({
        events: await store.events(run.runId),
        effects: await store.effects(run.runId),
        record: await store.getRun(run.runId),
        printed: out.lines,
      });
      expect(kept).not.toContain(CANARY);
    } finally {
      await mcp.close();
    }
  });

  it('says why a server cannot start: its secret missing, or its command not found', async () => {
    const mask = new SecretMask();
    const mcp = serverMcp({
      servers: {
        crm: crmServer(),
        gone: { transport: 'stdio', command: join(dir, 'no-such-server'), args: [] },
      },
      secrets: { get: () => Promise.resolve(undefined) },
      mask,
    });
    try {
      await mcp.ready;
      expect(mcp.tools.problems.get('crm')).toEqual([
        'MCP server "crm" could not be reached: the secret "CRM_TOKEN" is not in the vault',
      ]);
      expect(mcp.tools.problems.get('gone')?.[0]).toMatch(
        /^MCP server "gone" could not be reached: .*ENOENT/,
      );
      expect(mcp.tools.tools().size).toBe(0);
    } finally {
      await mcp.close();
    }
  });

  it('refuses a tool that a newer version of the server changed, until approved', async () => {
    const pins = new MemoryToolPins();
    const upgrade = join(dir, 'upgraded');
    const secrets = { get: () => Promise.resolve(CANARY) };
    const open = () =>
      serverMcp({ servers: { crm: crmServer(upgrade) }, secrets, mask: new SecretMask(), pins });
    const first = open();
    await first.ready;
    await first.close();
    expect(Object.keys(await pins.all())).toContain('mcp.crm.lookupRecord');

    // The server is upgraded between two starts of the host.
    writeFileSync(upgrade, '');
    const second = open();
    const world = await createWorld({ capabilities: second.tools });
    try {
      await second.ready;
      expect(second.tools.known('mcp.crm.lookupRecord')?.changedFrom).toBeDefined();
      const refused = await (await world.engine().start(crmFlow, { id: 'r1' })).done;
      expect(refused.status).toBe('failed');
      expect(refused.error).toMatchObject({
        code: 'mcp-tool-changed',
        message: expect.stringMatching(
          /^MCP server "crm" changed the tool "lookup_record" since it was approved/,
        ) as unknown,
      });
      expect(await world.store.effects(refused.id)).toEqual([]);

      await second.tools.approve('mcp.crm.lookupRecord');
      expect(second.tools.get('mcp.crm.lookupRecord')?.input.safeParse({ id: 'r1' }).success).toBe(
        false,
      );
    } finally {
      await second.close();
      await world.server.stop();
    }
  });
});
