import type { FlowNode } from '../../flow/index.ts';
import type { XY } from './ops.ts';

/** Room a card takes before React Flow has measured it, with a margin. */
const ROOM = { width: 260, height: 140 };

/** Steps around a spot, nearest first; right before below before left before above, as flows read left to right. */
function* around(): Generator<XY> {
  yield { x: 0, y: 0 };
  for (let ring = 1; ring <= 8; ring++) {
    for (const [dx, dy] of [
      [ring, 0],
      [0, ring],
      [-ring, 0],
      [0, -ring],
      [ring, ring],
      [ring, -ring],
      [-ring, ring],
      [-ring, -ring],
    ] as const) {
      yield { x: dx, y: dy };
    }
  }
}

/**
 * Where to put a node added without a drop point: at `at`, or the nearest spot around it that no
 * other card covers — to the right first, so a flow built by clicking reads left to right and
 * stays in view instead of stacking down under the panels.
 * @example freeSpot([{ position: { x: 0, y: 0 } }], { x: 0, y: 0 }) // { x: 260, y: 0 }
 */
export function freeSpot(nodes: readonly Pick<FlowNode, 'position'>[], at: XY): XY {
  const origin = { x: Math.round(at.x), y: Math.round(at.y) };
  const covered = (p: XY) =>
    nodes.some(
      (n) =>
        Math.abs(n.position.x - p.x) < ROOM.width && Math.abs(n.position.y - p.y) < ROOM.height,
    );
  for (const step of around()) {
    const spot = { x: origin.x + step.x * ROOM.width, y: origin.y + step.y * ROOM.height };
    if (!covered(spot)) return spot;
  }
  return origin;
}
