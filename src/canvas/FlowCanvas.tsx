import { Background, MiniMap, ReactFlow, useStore as useFlowStore } from '@xyflow/react';
import type { DragEvent } from 'react';
import { useCallback, useMemo } from 'react';
import { getKind, isNodeKind } from '../nodes/index.ts';
import { CanvasControls } from './commands/CanvasControls.tsx';
import { SNAP_GRID, useSnapToGrid } from './commands/snapToGrid.ts';
import { WorkingStatus } from './commands/WorkingStatus.tsx';
import { NODE_KIND_MIME } from './dnd.ts';
import { useEditor, useEditorState } from './editor/context.ts';
import { toCardEdges, toCardNodes } from './editor/reactFlow.ts';
import { useRunView } from './debug/overlay.ts';
import { edgeTaken } from './debug/runView.ts';
import { EmptyCanvasHint } from './EmptyCanvasHint.tsx';
import { nodeTypes } from './nodes/nodeTypes.ts';
import { Notice } from './Notice.tsx';
import { useCanvasHandlers } from './useCanvasHandlers.ts';
import { usePlaceNode } from './usePlaceNode.ts';

const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };

/** Minimap nodes take their kind's group colour, like the cards. */
const minimapColor = (node: { type?: string }) =>
  `var(--group-${(getKind(node.type ?? '')?.group ?? 'logic').toLowerCase()})`;

/** A flow that never had its viewport set (a template, an import) is fitted to the screen. */
const isDefaultViewport = (v: { x: number; y: number; zoom: number }) =>
  v.x === 0 && v.y === 0 && v.zoom === 1;

export interface FlowCanvasProps {
  colorMode: 'light' | 'dark';
  /** A file dropped on the canvas, to import. */
  onDropFile?: (file: File) => void;
  /** Opens the quick-add menu (from the canvas controls). */
  onQuickAdd: () => void;
}

/** Centre area: the React Flow canvas the playbook is drawn on. */
/** Below this zoom a card's text is unreadable, so it is not painted. */
const FAR_ZOOM = 0.3;

export function FlowCanvas({ colorMode, onDropFile, onQuickAdd }: FlowCanvasProps) {
  const { store, actions } = useEditor();
  const flowNodes = useEditorState((s) => s.history.present.nodes);
  const flowEdges = useEditorState((s) => s.history.present.edges);
  const selection = useEditorState((s) => s.selection);
  const measured = useEditorState((s) => s.measured);
  const readOnly = useEditorState((s) => s.readOnly);
  const epoch = useEditorState((s) => s.epoch);
  const handlers = useCanvasHandlers();
  // Far out, cards are drawn as plain blocks (see cards.css); one subscription, not one per card.
  const zoomedOut = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const place = usePlaceNode();
  const snapToGrid = useSnapToGrid();

  const nodes = useMemo(
    () => toCardNodes(flowNodes, selection, measured),
    [flowNodes, selection, measured],
  );
  const cardEdges = useMemo(
    () => toCardEdges(flowEdges, flowNodes, selection),
    [flowEdges, flowNodes, selection],
  );
  // The watched run's path: edges it went along are animated.
  const runView = useRunView();
  const edges = useMemo(
    () =>
      cardEdges.map((e) =>
        edgeTaken(runView, e) ? { ...e, animated: true, className: 'edge-taken' } : e,
      ),
    [cardEdges, runView],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = event.dataTransfer.types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const file = event.dataTransfer.files[0];
      if (file) {
        onDropFile?.(file);
        return;
      }
      const kind = event.dataTransfer.getData(NODE_KIND_MIME);
      if (isNodeKind(kind)) place(kind, { x: event.clientX, y: event.clientY });
    },
    [onDropFile, place],
  );

  return (
    <main className="canvas" aria-label="Canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        key={epoch}
        className={zoomedOut ? 'zoomed-out' : undefined}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        {...handlers}
        onMoveEnd={(_event, viewport) => actions.setViewport(viewport)}
        defaultViewport={store.get().viewport}
        fitView={flowNodes.length > 0 && isDefaultViewport(store.get().viewport)}
        fitViewOptions={FIT_VIEW_OPTIONS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        colorMode={colorMode}
        minZoom={0.05}
        onlyRenderVisibleElements
      >
        <Background gap={20} size={1.5} />
        <CanvasControls onQuickAdd={onQuickAdd} />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={minimapColor}
          ariaLabel="Mini map"
        />
      </ReactFlow>
      {flowNodes.length === 0 && <EmptyCanvasHint />}
      <Notice />
      <WorkingStatus />
    </main>
  );
}
