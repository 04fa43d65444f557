import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/flow/index.ts';
import { importForeign, MAX_IMPORT_CHARS, summarize } from '../../../src/import/index.ts';
import { catalog } from '../../../src/nodes/index.ts';
import { fixture } from './helpers.ts';

const refused = async (text: string) => {
  const result = await importForeign(text);
  expect(result.ok).toBe(false);
  return result.ok ? { message: '', hint: '' } : result;
};

describe('hostile and broken files', () => {
  it('refuses YAML with custom tags, alias bombs and duplicate keys, saying why', async () => {
    expect((await refused('app: !!js/function "function () {}"\nworkflow: {}')).message).toMatch(
      /not valid YAML|YAML refused/,
    );
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [${Array.from({ length: 10 }, () => `*${prev}`).join(',')}]`;
      }),
      'workflow: { graph: { nodes: [], edges: [] } }',
    ].join('\n');
    expect((await refused(bomb)).message).toMatch(/YAML refused|alias/i);
    expect((await refused('app: {name: a}\napp: {name: b}\n')).message).toContain('YAML');
  });

  it('refuses files that are too large, not JSON, or of no known format', async () => {
    expect((await refused(' '.repeat(MAX_IMPORT_CHARS + 1))).message).toContain('MB');
    expect((await refused('{"nodes": [')).message).toContain('not valid JSON');
    const unknown = await refused('{"hello": "world"}');
    expect(unknown.message).toContain('nor an n8n, Node-RED, Dify or Flowise export');
    expect(unknown.hint).toContain('export');
  });

  it('names the field of a file with the right look and the wrong shape', async () => {
    const result = await refused('{"nodes": [{"name": 3, "type": "x"}], "connections": {}}');
    expect(result.message).toContain('nodes.0.name');
  });

  it('keeps prototype keys and deep nesting of parameters out of the flow, and says so', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { deeper: deep };
    const file = JSON.stringify({
      name: 'Sneaky',
      nodes: [
        { name: 'Go', type: 'n8n-nodes-base.manualTrigger', position: [0, 0], parameters: {} },
        {
          name: 'Odd',
          type: 'n8n-nodes-base.unknownThing',
          position: [200, 0],
          parameters: JSON.parse(
            '{"__proto__": {"polluted": 1}, "constructor": 2, "deep": 0, "auth": {"password": "hunter2", "user": "me"}}',
          ) as object,
        },
      ],
      connections: { Go: { main: [[{ node: 'Odd', type: 'main', index: 0 }]] } },
    }).replace('"deep":0', `"deep":${JSON.stringify(deep)}`);
    const result = await importForeign(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // The guard of our own format accepts what the importer wrote (only the placeholder fails).
    const checked = validateFlow(result.flow, catalog);
    expect(checked.issues.map((i) => i.code)).not.toContain('forbidden-key');
    expect(checked.issues.every((i) => i.nodeId === 'odd')).toBe(true);
    const entry = result.report.entries.find((e) => e.original === 'Odd');
    expect(entry?.note).toContain('nested deeper than 20 levels');
    // Credentials inside parameters never reach the flow; the report says they were left out.
    expect(JSON.stringify(result.flow)).not.toContain('hunter2');
    expect(entry?.note).toContain('auth.password: a credential field, never imported');
  });
});

/** Arbitrary JSON shaped a little like each format, so the importers go deep, not just refuse. */
const shaped = fc.oneof(
  fc.record({
    name: fc.string(),
    nodes: fc.array(
      fc.record({
        name: fc.string({ minLength: 1 }),
        type: fc.constantFrom(
          'n8n-nodes-base.if',
          'n8n-nodes-base.set',
          'n8n-nodes-base.httpRequest',
          'n8n-nodes-base.switch',
          'n8n-nodes-base.code',
          'x',
        ),
        position: fc.tuple(fc.integer(), fc.integer()),
        parameters: fc.dictionary(fc.string(), fc.jsonValue()),
      }),
      { maxLength: 6 },
    ),
    connections: fc.dictionary(fc.string(), fc.jsonValue()),
  }),
  fc.array(
    fc.record({
      id: fc.string({ minLength: 1 }),
      type: fc.constantFrom('inject', 'switch', 'change', 'function', 'tab', 'split', 'q'),
      z: fc.string(),
      x: fc.integer(),
      y: fc.integer(),
      wires: fc.array(fc.array(fc.string())),
      rules: fc.array(
        fc.dictionary(fc.constantFrom('t', 'p', 'v', 'vt', 'to', 'tot'), fc.string()),
      ),
    }),
    { maxLength: 6 },
  ),
  fc.record({
    workflow: fc.record({
      graph: fc.record({
        nodes: fc.array(
          fc.record({
            id: fc.string({ minLength: 1 }),
            data: fc.record({
              type: fc.constantFrom('start', 'llm', 'if-else', 'code', 'end', 'iteration', 'z'),
              title: fc.string(),
            }),
          }),
          { maxLength: 6 },
        ),
        edges: fc.array(
          fc.record({ source: fc.string(), target: fc.string(), sourceHandle: fc.string() }),
        ),
      }),
    }),
  }),
  fc.record({
    nodes: fc.array(
      fc.record({
        id: fc.string({ minLength: 1 }),
        data: fc.record({
          name: fc.constantFrom('startAgentflow', 'llmAgentflow', 'conditionAgentflow', 'w'),
          inputs: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
      }),
      { maxLength: 6 },
    ),
    edges: fc.array(
      fc.record({ source: fc.string(), target: fc.string(), sourceHandle: fc.string() }),
    ),
  }),
);

describe('importer properties', () => {
  it('never throws and always explains: a reason and a fix, or a flow and a report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          shaped.map((v) => JSON.stringify(v)),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          const result = await importForeign(text);
          if (!result.ok) {
            expect(result.message.length).toBeGreaterThan(0);
            expect(result.hint.length).toBeGreaterThan(0);
            return;
          }
          expect(summarize(result.report).length).toBeGreaterThan(0);
          expect(result.valid).toBe(result.report.issues.length === 0);
          // Whatever was built is a flow document our own validator reads without refusing it whole.
          const checked = validateFlow(result.flow, catalog);
          expect(checked.ok).toBe(result.valid);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('survives any single field of a real export being cut out', async () => {
    const source = JSON.parse(fixture('n8n-orders.json')) as { nodes: Record<string, unknown>[] };
    const keys = ['parameters', 'name', 'type', 'position', 'credentials', 'typeVersion'];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(source.nodes.length - 1),
        fc.constantFrom(...keys),
        async (index, key) => {
          const copy = structuredClone(source);
          delete copy.nodes[index]?.[key];
          const result = await importForeign(JSON.stringify(copy), 'n8n');
          expect(result.ok ? result.report.entries.length : result.message.length).toBeGreaterThan(
            0,
          );
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
