import { describe, expect, it } from 'vitest';
import { compile, CompileError } from '../../src/engine/index.ts';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog, kindsByName } from '../../src/nodes/index.ts';
import { chain, flow, link, node } from './build.ts';
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

  it('keeps a fan-out of task branches in one state, its branches tracked in context', () => {
    const { machine } = compile(chain(3, { fan: 50 }), kindsByName);
    const states = machine['states'] as Record<string, State & { on?: object }>;
    expect(parallelRegions(states)).toEqual([]);
    // Each branch's node answers in the fan-out's own state.
    expect(Object.keys(states['p:fork']?.on ?? {})).toHaveLength(100);
    expect(states['p:fork']?.on).toHaveProperty(['task.done.w49']);
  });

  it('makes one region per branch when a branch holds a loop', () => {
    const looped = valid({
      ...chain(0, { fan: 3 }),
      nodes: [
        ...chain(0, { fan: 3 }).nodes.filter((n) => n.id !== 'w0'),
        node('w0', 'loop', { mode: 'repeat', maxIterations: 2 }),
        node('body', 'transform'),
      ],
      edges: [
        ...chain(0, { fan: 3 }).edges.filter((e) => e.source !== 'w0' && e.target !== 'w0'),
        link('p', 'w0', 'b0'),
        link('w0', 'body', 'body'),
        link('body', 'w0', 'out', 'again'),
        link('w0', 'j', 'done'),
      ],
    });
    const { machine } = compile(looped, kindsByName);
    expect(parallelRegions(machine['states'] as Record<string, State>)).toEqual([3]);
  });

  it('names the node where parallel branches meet without a join', () => {
    const flow = chain(0, { fan: 2 });
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

describe('compile, node ids', () => {
  it('lets nodes be called "done" or "failed" without meeting the final states', () => {
    const flowWithNames = flow(
      'names',
      [node('s', 'start'), node('done', 'transform'), node('failed', 'output')],
      [link('s', 'done'), link('done', 'failed')],
    );
    const { machine } = compile(flowWithNames, kindsByName);
    expect(Object.keys(machine['states'] as object)).toEqual(
      expect.arrayContaining(['done', 'failed', 'run:done', 'run:failed']),
    );
  });
});
