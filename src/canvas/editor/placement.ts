import type { FlowNode } from '../../flow/index.ts';
import type { XY } from './ops.ts';

/** Room a card takes before React Flow has measured it, with a margin. */
const ROOM = { width: 260, height: 140 };

/**
 * Where to put a node added without a drop point: at `at`, or the first spot below it that no
 * other card covers, so repeated clicks stack neatly instead of piling up.
 * @example freeSpot([{ position: { x: 0, y: 0 } }], { x: 0, y: 0 }) // { x: 0, y: 140 }
 */
export function freeSpot(nodes: readonly Pick<FlowNode, 'position'>[], at: XY): XY {
  let spot = { x: Math.round(at.x), y: Math.round(at.y) };
  const covered = (p: XY) =>
    nodes.some(
      (n) =>
        Math.abs(n.position.x - p.x) < ROOM.width && Math.abs(n.position.y - p.y) < ROOM.height,
    );
  for (let i = 0; i < 100 && covered(spot); i++) spot = { x: spot.x, y: spot.y + ROOM.height };
  return spot;
}
