import {
  Background,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
} from '@xyflow/react';
import type { DragEvent, MouseEvent } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getKind, isNodeKind } from '../nodes/index.ts';
import { CanvasControls } from './commands/CanvasControls.tsx';
import { FIT_VIEW, fittedView } from './commands/fitView.ts';
import { SNAP_GRID, useSnapToGrid } from './commands/snapToGrid.ts';
import { WorkingStatus } from './commands/WorkingStatus.tsx';
import { CAPABILITY_MIME, NODE_KIND_MIME } from './dnd.ts';
import { useEditor, useEditorState } from './editor/context.ts';
import type { Viewport } from './editor/editor.ts';
import { toCardEdges, toCardNodes } from './editor/reactFlow.ts';
import { useRunView } from './debug/overlay.ts';
import { edgeTaken } from './debug/runView.ts';
import { EmptyCanvasHint } from './EmptyCanvasHint.tsx';
import type { Template } from './files/templates.ts';
import { edgeTypes } from './edges/LabelledEdge.tsx';
import { nodeTypes } from './nodes/nodeTypes.ts';
import { Notice } from './Notice.tsx';
import { FlowOverview } from './overview/FlowOverview.tsx';
import { nodeAt, overviewScene } from './overview/scene.ts';
import { useCanvasHandlers } from './useCanvasHandlers.ts';
import { useElementSize } from './useElementSize.ts';
import { usePlaceNode } from './usePlaceNode.ts';

const DELETE_KEYS = ['Backspace', 'Delete'];
const MIN_ZOOM = 0.05;
const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const FIT_VIEW_OPTIONS = { ...FIT_VIEW, maxZoom: 1 };

/** Minimap nodes take their kind's group colour, like the cards. */
const minimapColor = (node: { type?: string }) =>
  `var(--group-${(getKind(node.type ?? '')?.group ?? 'logic').toLowerCase()})`;

interface FlowCanvasProps {
  colorMode: 'light' | 'dark';
  /** A file dropped on the canvas, to import. */
  onDropFile?: (file: File) => void;
  /** Opens the quick-add menu (from the canvas controls). */
  onQuickAdd: () => void;
  /** Opens a template, from the empty canvas's welcome. */
  onTemplate?: (template: Template) => void;
  /** Opens a template and plays its demo recording. */
  onDemo?: (template: Template) => void;
}

/** Below this zoom a card's text is unreadable, so it is not painted. */
const FAR_ZOOM = 0.3;
/** Below this zoom an edge label is smaller than 6 px: it is left out (each costs a text measurement). */
const LABEL_ZOOM = 0.5;
/** From this many nodes, far zoom draws the flow on one canvas instead of as cards. */
const OVERVIEW_MIN_NODES = 200;
/**
 * Below this zoom a big flow is drawn on one canvas. A card's text is still unreadable here (6 px),
 * and the cards it would mount on the way in are half as many as at FAR_ZOOM.
 */
const OVERVIEW_ZOOM = 0.45;

const NO_EDGES: never[] = [];
const groupOf = (type: string) => getKind(type)?.group ?? 'Unknown';

/** Centre area: the React Flow canvas the playbook is drawn on. */
export function FlowCanvas({
  colorMode,
  onDropFile,
  onQuickAdd,
  onTemplate,
  onDemo,
}: FlowCanvasProps) {
  const { store, actions } = useEditor();
  const flowNodes = useEditorState((s) => s.history.present.nodes);
  const flowEdges = useEditorState((s) => s.history.present.edges);
  const selection = useEditorState((s) => s.selection);
  const measured = useEditorState((s) => s.measured);
  const readOnly = useEditorState((s) => s.readOnly);
  const epoch = useEditorState((s) => s.epoch);
  const fitOnOpen = useEditorState((s) => s.fitOnOpen);
  const big = flowNodes.length >= OVERVIEW_MIN_NODES;
  const canvas = useRef<HTMLElement>(null);
  const pane = useElementSize(canvas);
  // A big flow opens at the fitted view straight away, worked out from its cards' sizes before
  // they are drawn: fitted, most are far too small to read, so the overview draws them and no
  // card is mounted (React Flow's own fit mounts and measures every card first, ~3 s at 2,000).
  // Worked out once per document opened: later edits and resizes do not move the view.
  // Small flows keep React Flow's fit, on the sizes it measured.
  const [opened, setOpened] = useState<{ epoch: number; view: Viewport | undefined }>();
  let openedAt = opened?.view;
  if (opened?.epoch !== epoch) {
    openedAt =
      fitOnOpen && big && pane && pane.width > 0
        ? fittedView(flowNodes, measured, pane, MIN_ZOOM)
        : undefined;
    setOpened({ epoch, view: openedAt });
  }
  const fitByReactFlow = fitOnOpen && !openedAt;
  // The fit on open is not the user's view: it is not written into the document, so opening
  // (an import, a reload) leaves the flow exactly as it was. Every later move is kept.
  const fitPending = useRef(false);
  useEffect(() => {
    fitPending.current = fitByReactFlow;
  }, [epoch, fitByReactFlow]);
  const onMoveEnd = useCallback(
    (event: unknown, viewport: { x: number; y: number; zoom: number }) => {
      if (event === null && fitPending.current) fitPending.current = false;
      else actions.setViewport(viewport);
    },
    [actions],
  );
  const handlers = useCanvasHandlers();
  // Until the canvas opened for this document has set its view, React Flow's store still holds
  // the last document's (or none): the view it opens at decides, or React Flow would mount cards
  // for a view never shown (all 2,000 of them when the overview would have hidden them). A view
  // React Flow fits itself is known only once it has, so that one is followed as it goes.
  // Far out, cards are drawn as plain blocks (see cards.css); one subscription, not one per card.
  const [shownEpoch, setShownEpoch] = useState(-1);
  const onInit = useCallback(() => setShownEpoch(epoch), [epoch]);
  const openingZoom =
    shownEpoch === epoch || fitByReactFlow ? undefined : (openedAt ?? store.get().viewport).zoom;
  const zoomedOut = useFlowStore((s) => (openingZoom ?? s.transform[2]) < FAR_ZOOM);
  const far = useFlowStore((s) => (openingZoom ?? s.transform[2]) < OVERVIEW_ZOOM);
  const overview = far && big;
  const labelled = useFlowStore((s) => (openingZoom ?? s.transform[2]) >= LABEL_ZOOM);
  const scene = useMemo(
    () => (overview ? overviewScene(flowNodes, flowEdges, measured, groupOf) : null),
    [overview, flowNodes, flowEdges, measured],
  );
  const { screenToFlowPosition } = useReactFlow();
  const place = usePlaceNode();
  const snapToGrid = useSnapToGrid();

  const cardNodes = useMemo(
    () => toCardNodes(flowNodes, selection, measured, big),
    [flowNodes, selection, measured, big],
  );
  // In the overview, React Flow keeps the nodes (selection, keys, fit view) but mounts no cards
  // for them: hidden nodes are left out of its visible-element list, and so are their wrappers.
  const nodes = useMemo(
    () => (overview ? cardNodes.map((n) => ({ ...n, hidden: true })) : cardNodes),
    [overview, cardNodes],
  );
  const cardEdges = useMemo(
    () => toCardEdges(flowEdges, flowNodes, selection),
    [flowEdges, flowNodes, selection],
  );
  // The watched run's path: edges it went along are animated.
  const runView = useRunView();
  const edges = useMemo(
    () =>
      overview
        ? NO_EDGES
        : cardEdges.map((e) => {
            const shown = labelled || e.label === undefined ? e : { ...e, label: undefined };
            return edgeTaken(runView, e)
              ? { ...shown, animated: true, className: 'edge-taken' }
              : shown;
          }),
    [overview, labelled, cardEdges, runView],
  );

  // In the overview the cards are not in the DOM, so a click on one is found by position.
  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      if (!scene) return;
      const id = nodeAt(scene, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      // After React Flow has cleared the selection for this click.
      if (id) queueMicrotask(() => actions.select({ nodes: new Set([id]), edges: new Set() }));
    },
    [scene, screenToFlowPosition, actions],
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
      const at = { x: event.clientX, y: event.clientY };
      const capability = event.dataTransfer.getData(CAPABILITY_MIME);
      if (capability) return place('capability', at, { capability });
      const kind = event.dataTransfer.getData(NODE_KIND_MIME);
      if (isNodeKind(kind)) place(kind, at);
    },
    [onDropFile, place],
  );

  return (
    <main
      ref={canvas}
      className="canvas"
      aria-label="Canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow
        key={epoch}
        className={overview ? 'zoomed-out overview' : zoomedOut ? 'zoomed-out' : undefined}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...handlers}
        onPaneClick={onPaneClick}
        onMoveEnd={onMoveEnd}
        onInit={onInit}
        defaultViewport={openedAt ?? store.get().viewport}
        fitView={fitByReactFlow}
        fitViewOptions={FIT_VIEW_OPTIONS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        colorMode={colorMode}
        minZoom={MIN_ZOOM}
        onlyRenderVisibleElements
      >
        <Background gap={20} size={1.5} />
        {scene && (
          <FlowOverview scene={scene} selection={selection} run={runView} colorMode={colorMode} />
        )}
        <CanvasControls onQuickAdd={onQuickAdd} />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={minimapColor}
          ariaLabel="Mini map"
        />
      </ReactFlow>
      {flowNodes.length === 0 && !readOnly && (
        <EmptyCanvasHint onTemplate={onTemplate} onDemo={onDemo} />
      )}
      <Notice />
      <WorkingStatus />
    </main>
  );
}
