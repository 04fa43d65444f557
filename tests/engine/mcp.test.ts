import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { McpTools, MemoryToolPins, withMcpTools } from '../../src/capabilities/mcp/index.ts';
import type { Engine } from '../../src/engine/index.ts';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';
import { McpStandIn } from '../stand-ins/mcpServer.ts';
import { link, node } from '../unit/build.ts';
import { schemaAnswer, toolCalls, toolResultsOf } from './harness/llmScript.ts';
import { expectWellFormedLog } from './harness/log.ts';
import { createWorld, until, type World } from './harness/world.ts';

const MCP_TOKEN = 'mcp-token-789';
const secrets = {
  get: (name: string) => Promise.resolve(name === 'CRM_MCP_TOKEN' ? MCP_TOKEN : undefined),
};

/** A flow document validated against the catalog with the MCP tools known now. */
function mcpFlow(tools: McpTools, id: string, nodes: unknown[], edges: unknown[], extra = {}) {
  const result = validateFlow(
    { schemaVersion: 1, id, name: id, nodes, edges, ...extra },
    withMcpTools(catalog, tools),
  );
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return result.flow;
}

/** start → one capability node (id `call`) → output. */
function callFlow(tools: McpTools, capability: string, input: Record<string, string>): Flow {
  return mcpFlow(
    tools,
    'mcp-call',
    [
      node('start', 'start', {
        inputs: [{ name: 'id', type: 'text', required: true, description: '' }],
      }),
      node('call', 'capability', { capability, input }),
      node('finish', 'output', { value: '$nodes.call', status: 'succeeded' }),
    ],
    [link('start', 'call'), link('call', 'finish')],
  );
}

const pendingOf = (engine: Engine, runId: string, reason: string) =>
  until(async () => {
    const pending = await engine.pendingApprovals(runId);
    return pending.find((p) => p.request.reason === reason);
  }, `a ${reason} question`);

describe('MCP tools as capabilities', () => {
  let mcp: McpStandIn;
  let tools: McpTools;
  let world: World;
  beforeEach(async () => {
    mcp = await new McpStandIn(MCP_TOKEN).start();
    tools = new McpTools({
      servers: { crm: { transport: 'http', url: mcp.url, secret: 'CRM_MCP_TOKEN' } },
      secrets,
    });
    await tools.refresh();
    world = await createWorld({ capabilities: tools });
  });
  afterEach(async () => {
    await tools.close();
    await mcp.stop();
    await world.server.stop();
  });

  it('lists the tools with their contracts read from the annotations', () => {
    expect(tools.problems).toEqual(new Map());
    const contracts = [...tools.tools().values()].map(({ capability: c }) => ({
      id: c.id,
      sideEffect: c.sideEffect,
      idempotency: c.idempotency,
    }));
    expect(contracts).toEqual([
      { id: 'mcp.crm.lookupRecord', sideEffect: 'read', idempotency: 'naturally-idempotent' },
      { id: 'mcp.crm.deleteRecord', sideEffect: 'destructive', idempotency: 'none' },
      // No hints: a write whose repetition is not known to be safe.
      { id: 'mcp.crm.slowExport', sideEffect: 'write', idempotency: 'none' },
      { id: 'mcp.crm.echoCredentials', sideEffect: 'read', idempotency: 'naturally-idempotent' },
    ]);
    const lookup = tools.get('mcp.crm.lookupRecord');
    expect(lookup?.input.safeParse({ id: 'r1' }).success).toBe(true);
    expect(lookup?.input.safeParse({ id: '' }).success).toBe(false);
    expect(lookup?.output.safeParse({ id: 'r1', name: 'Pat' }).success).toBe(true);
    expect(lookup?.output.safeParse({ id: 'r1' }).success).toBe(false);
  });

  it('says why when the server refuses the token, and offers none of its tools', async () => {
    const refused = new McpTools({
      servers: { crm: { transport: 'http', url: mcp.url, secret: 'OTHER' } },
      secrets: { get: () => Promise.resolve('wrong-token') },
    });
    await refused.refresh();
    expect(refused.tools().size).toBe(0);
    expect(refused.problems.get('crm')).toEqual([
      'MCP server "crm" could not be reached: it refused the token (HTTP 401); check the secret "OTHER"',
    ]);
    await refused.close();
  });

  it('runs a read tool from a capability node under policy, through the ledger', async () => {
    const run = await world
      .engine()
      .start(callFlow(tools, 'mcp.crm.lookupRecord', { id: '{{ run.input.id }}' }), { id: 'r2' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({ value: { id: 'r2', name: 'Sam Client' } });
    expect(mcp.calls).toEqual([{ tool: 'lookup_record', args: { id: 'r2' } }]);
    const events = await world.store.events(run.runId);
    expectWellFormedLog(events);
    expect(events.find((e) => e.type === 'policy.decided')).toMatchObject({
      capability: 'mcp.crm.lookupRecord',
      decision: 'allow',
    });
    expect((await world.store.effects(run.runId)).map((e) => e.status)).toEqual(['completed']);
  });

  it('records a tool that answers with an error as failed, not as an unknown outcome', async () => {
    const run = await world
      .engine()
      .start(callFlow(tools, 'mcp.crm.lookupRecord', { id: '{{ run.input.id }}' }), { id: 'r9' });
    const record = await run.done;
    expect(record.status).toBe('failed');
    const [effect] = await world.store.effects(run.runId);
    expect(effect).toMatchObject({
      status: 'failed',
      error: {
        code: 'mcp-tool-error',
        message: expect.stringMatching(/no record "r9"/) as unknown,
      },
    });
  });

  it('lets an agent look up and then delete, asking a person before the destructive call', async () => {
    world.server.scriptLlm((req, call) => {
      if (call === 0) return toolCalls({ name: 'mcp_crm_lookupRecord', args: { id: 'r1' } });
      if (call === 1) return toolCalls({ name: 'mcp_crm_deleteRecord', args: { id: 'r1' } });
      return schemaAnswer(req.messages, { note: JSON.stringify(toolResultsOf(req.messages)) });
    });
    const agentFlow = mcpFlow(
      tools,
      'mcp-agent',
      [
        node('start', 'start', {
          inputs: [{ name: 'id', type: 'text', required: true, description: '' }],
        }),
        node('agent', 'agent', {
          role: 'You tidy the CRM.',
          prompt: 'Delete {{ run.input.id }} after checking who it is.',
          model: { provider: 'default', name: 'test-model', temperature: 0, maxTokens: 500 },
          tools: ['mcp.crm.lookupRecord', 'mcp.crm.deleteRecord'],
          output: [{ name: 'note', type: 'text', required: true, description: '' }],
        }),
        node('finish', 'output', { value: '$nodes.agent', status: 'succeeded' }),
      ],
      [link('start', 'agent'), link('agent', 'finish')],
    );
    const engine = world.engine();
    const run = await engine.start(agentFlow, { id: 'r1' });

    const ask = await pendingOf(engine, run.runId, 'policy');
    expect(ask.request).toMatchObject({
      capability: 'mcp.crm.deleteRecord',
      subject: { id: 'r1' },
    });
    // Asked before it happened: the read was made, the delete not yet.
    expect(mcp.calls.map((c) => c.tool)).toEqual(['lookup_record']);
    expect(mcp.records.has('r1')).toBe(true);

    await engine.decide(ask.key, { decision: 'approved' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');
    expect(mcp.calls.map((c) => c.tool)).toEqual(['lookup_record', 'delete_record']);
    expect(mcp.records.has('r1')).toBe(false);

    const offered = (
      world.server.requests.find((r) => r.path.startsWith('/llm/'))?.body as {
        tools?: { function: { name: string; parameters: unknown } }[];
      }
    ).tools;
    expect(offered?.map((t) => t.function.name)).toEqual([
      'mcp_crm_lookupRecord',
      'mcp_crm_deleteRecord',
    ]);
    expect(offered?.[0]?.function.parameters).toMatchObject({
      type: 'object',
      properties: { id: { type: 'string', minLength: 1 } },
      required: ['id'],
    });
    const events = await world.store.events(run.runId);
    expectWellFormedLog(events);
    expect(
      events.filter((e) => e.type === 'policy.decided').map((e) => [e.capability, e.decision]),
    ).toEqual([
      ['mcp.crm.lookupRecord', 'allow'],
      ['mcp.crm.deleteRecord', 'approve'],
    ]);
  });

  it('asks a person, never repeats, when the engine dies while a destructive call is under way', async () => {
    const flow = callFlow(tools, 'mcp.crm.deleteRecord', { id: '{{ run.input.id }}' });
    const first = world.engine();
    const run = await first.start(flow, { id: 'r1' });
    await first.decide((await pendingOf(first, run.runId, 'policy')).key, {
      decision: 'approved',
    });
    const gate = mcp.hold();
    await gate.entered;
    // The call is at the server; the engine dies before its answer.
    first.halt();
    gate.open();
    await until(() => (mcp.records.has('r1') ? undefined : true), 'the deletion at the server');

    const second = world.engine();
    const resumed = await second.resume(run.runId, 'crash');
    const ask = await pendingOf(second, run.runId, 'outcome');
    expect(ask.request).toMatchObject({
      capability: 'mcp.crm.deleteRecord',
      title: expect.stringMatching(/^Did "Delete a record \(crm\)" happen\?$/) as unknown,
    });
    expect((await world.store.effects(run.runId)).map((e) => e.status)).toEqual(['started']);
    expect(mcp.calls.filter((c) => c.tool === 'delete_record')).toHaveLength(1);

    await second.decide(ask.key, { decision: 'approved' });
    const record = await resumed.done;
    expect(record.status).toBe('succeeded');
    expect(mcp.calls.filter((c) => c.tool === 'delete_record')).toHaveLength(1);
    expect(await world.store.effects(run.runId)).toMatchObject([
      { status: 'completed', resultUnknown: true },
    ]);
  });
});

describe('flows that use MCP tools, validated', () => {
  let mcp: McpStandIn;
  let tools: McpTools;
  beforeEach(async () => {
    mcp = await new McpStandIn().start();
    tools = new McpTools({ servers: { crm: { transport: 'http', url: mcp.url } }, secrets });
    await tools.refresh();
  });
  afterEach(async () => {
    await tools.close();
    await mcp.stop();
  });

  it('refuses a tool whose schema changed since it was first seen, until it is approved', async () => {
    const pins = new MemoryToolPins();
    const pinned = new McpTools({
      servers: { crm: { transport: 'http', url: mcp.url } },
      secrets,
      pins,
    });
    await pinned.refresh();
    const flow = callFlow(pinned, 'mcp.crm.lookupRecord', { id: '{{ run.input.id }}' });
    // First seen: pinned as listed, and nothing to flag.
    expect(Object.keys(await pins.all())).toEqual([
      'mcp.crm.lookupRecord',
      'mcp.crm.deleteRecord',
      'mcp.crm.slowExport',
      'mcp.crm.echoCredentials',
    ]);
    const check = () => validateFlow(flow, withMcpTools(catalog, pinned));
    expect(check().issues).toEqual([]);

    mcp.changeLookupSchema();
    await pinned.refresh();
    expect(check().issues).toMatchObject([
      {
        code: 'tool-schema-changed',
        severity: 'error',
        nodeId: 'call',
        path: expect.stringMatching(/capability/) as unknown,
      },
    ]);
    expect(() => pinned.get('mcp.crm.lookupRecord')).toThrow(
      'MCP server "crm" changed the tool "lookup_record" since it was approved',
    );
    // The other tools did not change and stay usable.
    expect(pinned.get('mcp.crm.deleteRecord')?.id).toBe('mcp.crm.deleteRecord');

    const world = await createWorld({ capabilities: pinned });
    try {
      const refused = await (await world.engine().start(flow, { id: 'r2' })).done;
      expect(refused.status).toBe('failed');
      expect(refused.error).toMatchObject({
        code: 'mcp-tool-changed',
        message: expect.stringContaining('"crm"') as unknown,
      });
      expect(mcp.calls).toEqual([]);

      await pinned.approve('mcp.crm.lookupRecord');
      expect(check().issues).toEqual([]);
      // Approved once, it stays approved for the next process with the same pins.
      const later = new McpTools({
        servers: { crm: { transport: 'http', url: mcp.url } },
        secrets,
        pins,
      });
      await later.refresh();
      expect(later.known('mcp.crm.lookupRecord')?.changedFrom).toBeUndefined();
      await later.close();

      // The node maps the field the tool now asks for, as a person reviewing it would add.
      const remapped = callFlow(pinned, 'mcp.crm.lookupRecord', {
        id: '{{ run.input.id }}',
        includeHistory: '{{ run.input.includeHistory }}',
      });
      const run = await (
        await world.engine().start(remapped, { id: 'r2', includeHistory: false })
      ).done;
      expect(run.status).toBe('succeeded');
      expect(mcp.calls).toEqual([{ tool: 'lookup_record', args: { id: 'r2' } }]);
    } finally {
      await pinned.close();
      await world.server.stop();
    }
  });

  it('leaves MCP ids to the host when the validator knows no MCP servers (a stored flow read back)', () => {
    const doc = (capability: string) => ({
      schemaVersion: 1,
      id: 'stored',
      name: 'stored',
      nodes: [node('start', 'start'), node('call', 'capability', { capability })],
      edges: [link('start', 'call')],
    });
    const stored = validateFlow(doc('mcp.crm.lookupRecord'), catalog);
    expect(stored.ok).toBe(true);
    expect(stored.issues.map((i) => i.code)).not.toContain('unknown-capability');
    // A built-in's id is still checked without them.
    const typo = validateFlow(doc('email.sendd'), catalog);
    expect(typo.issues.map((i) => i.code)).toContain('unknown-capability');
  });

  it('names an MCP tool no server offers as unknown, with the server to check', () => {
    const result = validateFlow(
      callFlow(tools, 'mcp.crm.lookupRecord', { id: 'r1' }),
      withMcpTools(catalog, new McpTools({ servers: {}, secrets })),
    );
    expect(result.issues).toMatchObject([
      {
        code: 'unknown-capability',
        message: 'unknown capability "mcp.crm.lookupRecord"',
        hint: expect.stringMatching(/MCP server "crm"/) as unknown,
      },
    ]);
  });
});
