import type {
  Connection,
  EdgeChange,
  FinalConnectionState,
  IsValidConnection,
  NodeChange,
  OnDelete,
} from '@xyflow/react';
import { useMemo } from 'react';
import { checkConnection } from './editor/connect.ts';
import type { ConnectionAttempt } from './editor/connect.ts';
import { useEditor } from './editor/context.ts';
import type { Selection, Size } from './editor/editor.ts';
import { addEdge, moveNodes, removeElements } from './editor/ops.ts';
import type { XY } from './editor/ops.ts';
import type { CardNode } from './editor/reactFlow.ts';

function withSelected(
  set: ReadonlySet<string>,
  id: string,
  selected: boolean,
): ReadonlySet<string> {
  if (set.has(id) === selected) return set;
  const next = new Set(set);
  if (selected) next.add(id);
  else next.delete(id);
  return next;
}

const attemptOf = (c: Connection): ConnectionAttempt => ({
  source: c.source,
  sourceHandle: c.sourceHandle,
  target: c.target,
  targetHandle: c.targetHandle,
});

/**
 * React Flow's callbacks, turned into editor commands. They read the store when called rather than
 * closing over state, so they are created once and never make the canvas re-render.
 */
export function useCanvasHandlers() {
  const { store, actions } = useEditor();
  return useMemo(() => {
    const flow = () => store.get().history.present;

    function onNodesChange(changes: NodeChange<CardNode>[]) {
      const moved = new Map<string, XY>();
      const sizes = new Map<string, Size>();
      let dropped = false;
      let selection: Selection = store.get().selection;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moved.set(change.id, change.position);
          if (change.dragging === false) dropped = true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes.set(change.id, change.dimensions);
        } else if (change.type === 'select') {
          selection = {
            ...selection,
            nodes: withSelected(selection.nodes, change.id, change.selected),
          };
        }
      }
      if (sizes.size > 0) actions.measure(sizes);
      if (moved.size > 0)
        actions.edit((f) => moveNodes(f, moved), `move:${[...moved.keys()].sort().join(',')}`);
      if (dropped) actions.seal();
      if (selection !== store.get().selection) actions.select(selection);
    }

    function onEdgesChange(changes: EdgeChange[]) {
      let selection: Selection = store.get().selection;
      for (const change of changes) {
        if (change.type === 'select') {
          selection = {
            ...selection,
            edges: withSelected(selection.edges, change.id, change.selected),
          };
        }
      }
      if (selection !== store.get().selection) actions.select(selection);
    }

    const onDelete: OnDelete = ({ nodes, edges }) => {
      const nodeIds = new Set(nodes.map((n) => n.id));
      const edgeIds = new Set(edges.map((e) => e.id));
      actions.edit((f) => removeElements(f, nodeIds, edgeIds));
      actions.select({ nodes: new Set(), edges: new Set() });
    };

    function onConnect(connection: Connection) {
      const check = checkConnection(flow(), attemptOf(connection));
      if (check.ok) {
        actions.edit((f) => addEdge(f, check.edge));
        actions.notify(undefined);
      } else actions.notify(`Cannot connect: ${check.reason}.`);
    }

    /** A drop on a handle React Flow refused: say why, since the handle alone does not. */
    function onConnectEnd(_event: MouseEvent | TouchEvent, state: FinalConnectionState) {
      const { fromHandle, toHandle, isValid } = state;
      if (isValid || !fromHandle || !toHandle) return;
      const [from, to] =
        fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
      const check = checkConnection(flow(), {
        source: from.nodeId,
        sourceHandle: from.id ?? null,
        target: to.nodeId,
        targetHandle: to.id ?? null,
      });
      if (!check.ok) actions.notify(`Cannot connect: ${check.reason}.`);
    }

    const isValidConnection: IsValidConnection = (c) =>
      checkConnection(flow(), {
        source: c.source,
        sourceHandle: c.sourceHandle ?? null,
        target: c.target,
        targetHandle: c.targetHandle ?? null,
      }).ok;

    return { onNodesChange, onEdgesChange, onDelete, onConnect, onConnectEnd, isValidConnection };
  }, [store, actions]);
}
