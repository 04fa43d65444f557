import ELK from 'elkjs/lib/elk.bundled.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../flow/index.ts';
import type { Size } from './editor.ts';
import { cardSize } from '../nodes/cardSize.ts';
import { layoutFlow } from './layout.ts';
import { addEdge, addNode, edgeId, emptyFlow } from './ops.ts';
import type { XY } from './ops.ts';
import { portsOf } from './ports.ts';

const elk = new ELK();

type Box = XY & Size;

function boxes(flow: Flow, positions: ReadonlyMap<string, XY>, sizes: ReadonlyMap<string, Size>) {
  return new Map<string, Box>(
    flow.nodes.flatMap((n) => {
      const p = positions.get(n.id);
      return p ? [[n.id, { ...p, ...cardSize(n, sizes) }]] : [];
    }),
  );
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlappingPairs(all: ReadonlyMap<string, Box>): string[] {
  const list = [...all];
  const found: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, boxA] = list[i] ?? [];
      const [b, boxB] = list[j] ?? [];
      if (boxA && boxB && overlaps(boxA, boxB)) found.push(`${a} overlaps ${b}`);
    }
  return found;
}

/** Edges whose target does not start to the right of where their source ends. */
function backwardEdges(flow: Flow, all: ReadonlyMap<string, Box>): string[] {
  return flow.edges
    .filter((e) => {
      const s = all.get(e.source);
      const t = all.get(e.target);
      return s && t && s.x + s.width > t.x;
    })
    .map((e) => e.id);
}

function chainOf(count: number, edges: readonly (readonly [number, number])[]): Flow {
  let flow = emptyFlow('f', 'F');
  // Every node starts at the same spot: the layout has to separate them all.
  for (let i = 0; i < count; i++) flow = addNode(flow, 'transform', { x: 0, y: 0 }).flow;
  for (const [from, to] of edges) {
    const edge = {
      source: `transform-${from + 1}`,
      sourceHandle: 'out',
      target: `transform-${to + 1}`,
      targetHandle: 'in',
    };
    flow = addEdge(flow, { id: edgeId(edge), ...edge });
  }
  return flow;
}

/** A random DAG: edges only from a lower to a higher index, nodes of random sizes. */
const dagArb = fc.integer({ min: 2, max: 12 }).chain((count) =>
  fc.record({
    count: fc.constant(count),
    edges: fc.uniqueArray(
      fc
        .integer({ min: 0, max: count - 2 })
        .chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: a + 1, max: count - 1 }))),
      { maxLength: count * 2, selector: ([a, b]) => `${a}-${b}` },
    ),
    sizes: fc.array(
      fc.record({
        width: fc.integer({ min: 120, max: 320 }),
        height: fc.integer({ min: 50, max: 240 }),
      }),
      { minLength: count, maxLength: count },
    ),
  }),
);

describe('layoutFlow', () => {
  it('lays out any DAG left to right with no two cards overlapping', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async ({ count, edges, sizes }) => {
        const flow = chainOf(count, edges);
        const sizeMap = new Map(sizes.map((s, i) => [`transform-${i + 1}`, s]));
        const laid = boxes(flow, await layoutFlow(elk, flow, sizeMap), sizeMap);
        expect(laid.size).toBe(count);
        expect(backwardEdges(flow, laid)).toEqual([]);
        expect(overlappingPairs(laid)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the order of a node’s outputs from top to bottom', async () => {
    let flow = emptyFlow('f', 'F');
    // Targets are listed in the reverse of their ports' order, so model order cannot explain it.
    for (const kind of ['agent', 'agent', 'approval'] as const)
      flow = addNode(flow, kind, { x: 0, y: 0 }).flow;
    for (const [handle, target] of [
      ['approved', 'agent-2'],
      ['rejected', 'agent-1'],
    ] as const) {
      const edge = { source: 'approval-1', sourceHandle: handle, target, targetHandle: 'in' };
      flow = addEdge(flow, { id: edgeId(edge), ...edge });
    }
    const at = await layoutFlow(elk, flow, new Map());
    expect(at.get('agent-2')?.y).toBeLessThan(at.get('agent-1')?.y ?? -Infinity);
  });

  it('moves only the selected nodes and keeps their top-left corner', async () => {
    let flow = chainOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    flow = {
      ...flow,
      nodes: flow.nodes.map((n, i) => ({ ...n, position: { x: 500 - i * 100, y: 300 + i * 7 } })),
    };
    const selected = new Set(['transform-2', 'transform-3']);
    const at = await layoutFlow(elk, flow, new Map(), selected);
    expect([...at.keys()].sort()).toEqual([...selected]);
    const before = flow.nodes.filter((n) => selected.has(n.id)).map((n) => n.position);
    expect(Math.min(...[...at.values()].map((p) => p.x))).toBe(Math.min(...before.map((p) => p.x)));
    expect(Math.min(...[...at.values()].map((p) => p.y))).toBe(Math.min(...before.map((p) => p.y)));
    const a = at.get('transform-2');
    const b = at.get('transform-3');
    expect(a && b && a.x + 210 <= b.x).toBe(true);
  });

  it.each(['freelance-writer', 'saas-support-triage', 'consultant-engagement'])(
    'lays out the %s example: forward edges left to right, loops closing backwards, no overlaps',
    async (name) => {
      const flow = JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as Flow;
      const laid = boxes(flow, await layoutFlow(elk, flow, new Map()), new Map());
      expect(laid.size).toBe(flow.nodes.length);
      expect(overlappingPairs(laid)).toEqual([]);
      const isBack = (e: Flow['edges'][number]) => {
        const target = flow.nodes.find((n) => n.id === e.target);
        return (
          target !== undefined &&
          portsOf(target.type, target.data).inputs.some((p) => p.id === e.targetHandle && p.back)
        );
      };
      const forward = { ...flow, edges: flow.edges.filter((e) => !isBack(e)) };
      expect(backwardEdges(forward, laid)).toEqual([]);
    },
  );
});
