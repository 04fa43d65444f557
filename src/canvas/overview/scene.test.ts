import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chain } from '../../../tests/unit/build.ts';
import { cardGuess } from '../nodes/cardSize.ts';
import { nodeAt, overviewScene } from './scene.ts';

const groupOf = (type: string) => (type === 'agent' ? 'Agents' : 'Flow');

describe('the far-zoom overview scene', () => {
  it('draws every node once, batched by group, and every edge from right side to left side', () => {
    const flow = chain(3);
    const placed = flow.nodes.map((n, i) => ({ ...n, position: { x: i * 300, y: i * 10 } }));
    const measured = new Map([[placed[0]!.id, { width: 100, height: 40 }]]);
    const scene = overviewScene(placed, flow.edges, measured, groupOf);

    expect(scene.boxes.map((b) => b.id)).toEqual(placed.map((n) => n.id));
    const grouped = [...scene.byGroup.values()].flat().map((b) => b.id);
    expect(grouped.sort()).toEqual(placed.map((n) => n.id).sort());
    // A card not measured yet is drawn at the size it will have.
    const guess = cardGuess(placed[1]!);
    expect(scene.boxes[1]).toMatchObject({ width: 210, height: guess.size.height });
    expect(scene.lines.length).toBe(flow.edges.length * 4);
    // The first edge leaves the measured first card at its right middle.
    expect([...scene.lines.subarray(0, 4)]).toEqual([100, 20, 300, 10 + guess.size.height / 2]);
  });

  it('skips edges whose ends are missing', () => {
    const flow = chain(2);
    const scene = overviewScene(flow.nodes.slice(1), flow.edges, new Map(), groupOf);
    expect(scene.lines.length).toBe((flow.edges.length - 1) * 4);
    // Each line knows its edge: the first edge (from the missing node) has none.
    expect(scene.lineEdges).toEqual(flow.edges.slice(1));
  });

  it('finds the topmost card under a point, and none between cards', () => {
    const flow = chain(2);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -500, max: 500 }),
            y: fc.integer({ min: -500, max: 500 }),
          }),
          {
            minLength: flow.nodes.length,
            maxLength: flow.nodes.length,
          },
        ),
        fc.record({
          x: fc.integer({ min: -600, max: 800 }),
          y: fc.integer({ min: -600, max: 700 }),
        }),
        (positions, point) => {
          const placed = flow.nodes.map((n, i) => ({ ...n, position: positions[i]! }));
          const scene = overviewScene(placed, flow.edges, new Map(), groupOf);
          const inside = scene.boxes.filter(
            (b) =>
              point.x >= b.x &&
              point.x <= b.x + b.width &&
              point.y >= b.y &&
              point.y <= b.y + b.height,
          );
          expect(nodeAt(scene, point)).toBe(inside.at(-1)?.id);
        },
      ),
    );
  });
});
