import { describe, expect, it } from 'vitest';
import { compile, CompileError } from '../../src/engine/index.ts';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog, kindsByName } from '../../src/nodes/index.ts';
import { loadExamples } from './helpers.ts';

const valid = (doc: unknown): Flow => {
  const result = validateFlow(doc, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.flow;
};

type State = { type?: string; states?: Record<string, State> };
const parallelRegions = (states: Record<string, State>): number[] =>
  Object.values(states).flatMap((s) => [
    ...(s.type === 'parallel' ? [Object.keys(s.states ?? {}).length] : []),
    ...parallelRegions(s.states ?? {}),
  ]);

function chain(n: number, fan = 0): Flow {
  const nodes = [
    { id: 's', type: 'start', position: { x: 0, y: 0 }, data: { version: 1, label: 'S' } },
  ];
  const edges = [];
  let last = 's';
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `t${i}`,
      type: 'transform',
      position: { x: i, y: 0 },
      data: { version: 1, label: `T${i}` },
    });
    edges.push({
      id: `e${i}`,
      source: last,
      sourceHandle: 'out',
      target: `t${i}`,
      targetHandle: 'in',
    });
    last = `t${i}`;
  }
  if (fan > 0) {
    const branches = Array.from({ length: fan }, (_, i) => ({ id: `b${i}`, label: `B${i}` }));
    nodes.push({
      id: 'p',
      type: 'parallel',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'P', branches } as never,
    });
    nodes.push({
      id: 'j',
      type: 'join',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'J' },
    });
    edges.push({ id: 'ep', source: last, sourceHandle: 'out', target: 'p', targetHandle: 'in' });
    branches.forEach((b, i) => {
      nodes.push({
        id: `w${i}`,
        type: 'transform',
        position: { x: 0, y: i },
        data: { version: 1, label: `W${i}` },
      });
      edges.push({
        id: `f${i}`,
        source: 'p',
        sourceHandle: b.id,
        target: `w${i}`,
        targetHandle: 'in',
      });
      edges.push({
        id: `g${i}`,
        source: `w${i}`,
        sourceHandle: 'out',
        target: 'j',
        targetHandle: 'in',
      });
    });
    last = 'j';
  }
  nodes.push({
    id: 'o',
    type: 'output',
    position: { x: 0, y: 0 },
    data: { version: 1, label: 'O' },
  });
  edges.push({ id: 'eo', source: last, sourceHandle: 'out', target: 'o', targetHandle: 'in' });
  return valid({ schemaVersion: 1, id: 'chain', name: 'Chain', nodes, edges });
}

describe('compile', () => {
  it.each(loadExamples())(
    '$file compiles to the recorded machine, as plain JSON',
    async ({ file, doc }) => {
      const { machine } = compile(valid(doc), kindsByName);
      expect(JSON.parse(JSON.stringify(machine))).toEqual(machine);
      await expect(JSON.stringify(machine, null, 2) + '\n').toMatchFileSnapshot(
        `./__snapshots__/${file.replace('.json', '.machine.json')}`,
      );
    },
  );

  it('keeps sequences as plain states: no parallel state in a chain', () => {
    const { machine } = compile(chain(200), kindsByName);
    expect(parallelRegions(machine['states'] as Record<string, State>)).toEqual([]);
  });

  it('makes one parallel state with one region per branch for a fan-out', () => {
    const { machine } = compile(chain(3, 50), kindsByName);
    expect(parallelRegions(machine['states'] as Record<string, State>)).toEqual([50]);
  });

  it('names the node where parallel branches meet without a join', () => {
    const flow = chain(0, 2);
    const broken = valid({
      ...flow,
      nodes: flow.nodes.filter((n) => n.id !== 'j'),
      edges: [
        ...flow.edges.filter((e) => e.target !== 'j' && e.source !== 'j'),
        { id: 'x0', source: 'w0', sourceHandle: 'out', target: 'o', targetHandle: 'in' },
        { id: 'x1', source: 'w1', sourceHandle: 'out', target: 'o', targetHandle: 'in' },
      ],
    });
    expect(() => compile(broken, kindsByName)).toThrow(CompileError);
    expect(() => compile(broken, kindsByName)).toThrow(
      /node "o".*branches "b0" and "b1" of parallel node "p"/,
    );
  });
});
