import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { SNAP_GRID, snapToGridOn } from './commands/snapToGrid.ts';
import { useEditor } from './editor/context.ts';
import { addNode } from './editor/ops.ts';
import type { XY } from './editor/ops.ts';
import { freeSpot } from './editor/placement.ts';

/** Card size used to centre a new node on the visible canvas before it is measured. */
const CARD = { width: 220, height: 110 };

const snapped = (p: XY): XY => {
  if (!snapToGridOn()) return p;
  const [gx, gy] = SNAP_GRID;
  return { x: Math.round(p.x / gx) * gx, y: Math.round(p.y / gy) * gy };
};

/**
 * Adds a node of a kind and selects it, as one undoable edit: at a point of the screen (its
 * top-left corner there, as a drop does), or else in the middle of the visible canvas, below any
 * card already there; the view then moves to show it if it landed out of sight.
 */
export function usePlaceNode(): (kind: string, at?: XY) => void {
  const { actions } = useEditor();
  const reactFlow = useStoreApi();
  const { screenToFlowPosition, setCenter } = useReactFlow();
  return useCallback(
    (kind: string, at?: XY) => {
      const { width, height, transform } = reactFlow.getState();
      const [x, y, zoom] = transform;
      const center = {
        x: (width / 2 - x) / zoom - CARD.width / 2,
        y: (height / 2 - y) / zoom - CARD.height / 2,
      };
      let added = '';
      let placed: XY = center;
      actions.edit((flow) => {
        const spot = at ? screenToFlowPosition(at) : freeSpot(flow.nodes, center);
        placed = snapped({ x: Math.round(spot.x), y: Math.round(spot.y) });
        const result = addNode(flow, kind, placed);
        added = result.id;
        return result.flow;
      });
      if (!added) return;
      actions.select({ nodes: new Set([added]), edges: new Set() });
      const inView =
        placed.x * zoom + x >= 0 &&
        placed.y * zoom + y >= 0 &&
        (placed.x + CARD.width) * zoom + x <= width &&
        (placed.y + CARD.height) * zoom + y <= height;
      if (!inView && width > 0)
        void setCenter(placed.x + CARD.width / 2, placed.y + CARD.height / 2, { zoom });
    },
    [actions, reactFlow, screenToFlowPosition, setCenter],
  );
}
