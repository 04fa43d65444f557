import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from './editor/context.ts';
import { addNode } from './editor/ops.ts';
import { freeSpot } from './editor/placement.ts';

/** Card size used to centre a new node on the visible canvas before it is measured. */
const CARD = { width: 220, height: 110 };

/** Adds a node of a kind in the middle of the visible canvas and selects it. */
export function usePlaceNode(): (kind: string) => void {
  const { actions } = useEditor();
  const reactFlow = useStoreApi();
  return useCallback(
    (kind: string) => {
      const { width, height, transform } = reactFlow.getState();
      const [x, y, zoom] = transform;
      const center = {
        x: (width / 2 - x) / zoom - CARD.width / 2,
        y: (height / 2 - y) / zoom - CARD.height / 2,
      };
      let added = '';
      actions.edit((flow) => {
        const result = addNode(flow, kind, freeSpot(flow.nodes, center));
        added = result.id;
        return result.flow;
      });
      if (added) actions.select({ nodes: new Set([added]), edges: new Set() });
    },
    [actions, reactFlow],
  );
}
