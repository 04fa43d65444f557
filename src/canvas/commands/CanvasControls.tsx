import { ControlButton, Controls, useReactFlow } from '@xyflow/react';
import { useEditor, useEditorState } from '../editor/context.ts';
import { autoLayout } from './autoLayout.ts';
import { FIT_VIEW } from './fitView.ts';
import { toggleSnapToGrid, useSnapToGrid } from './snapToGrid.ts';
import './commands.css';

/** React Flow's zoom and fit controls, plus the quick-add, auto-layout and snap to grid. */
export function CanvasControls({ onQuickAdd }: { onQuickAdd: () => void }) {
  const { store, actions } = useEditor();
  const { fitView } = useReactFlow();
  const readOnly = useEditorState((s) => s.readOnly);
  const working = useEditorState((s) => s.working);
  const empty = useEditorState((s) => s.history.present.nodes.length === 0);
  const snap = useSnapToGrid();
  return (
    <Controls position="bottom-left" aria-label="Canvas controls" fitViewOptions={FIT_VIEW}>
      <ControlButton
        onClick={onQuickAdd}
        aria-label="Quick add: a node or a command"
        title="Add a node or run a command (/ or Ctrl+K)"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="none" strokeWidth="1.6" />
          <path d="M8 4.5v7M4.5 8h7" strokeWidth="1.6" />
        </svg>
      </ControlButton>
      <ControlButton
        className="control-layout"
        onClick={() => void autoLayout({ store, actions, fitView })}
        disabled={readOnly || empty || working !== undefined}
        aria-busy={working !== undefined}
        aria-label="Auto-layout"
        title="Lay out left to right: the selection if several nodes are selected, else the flow (Shift+L)"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="0.8" y="6" width="4.4" height="4" rx="1" />
          <rect x="10.8" y="1.5" width="4.4" height="4" rx="1" />
          <rect x="10.8" y="10.5" width="4.4" height="4" rx="1" />
          <path d="M5.2 8h2.6M7.8 3.5v9M7.8 3.5h3M7.8 12.5h3" fill="none" strokeWidth="1.2" />
        </svg>
      </ControlButton>
      <ControlButton
        className="control-snap"
        onClick={toggleSnapToGrid}
        aria-pressed={snap}
        aria-label="Snap to grid"
        title={`Snap to grid: ${snap ? 'on' : 'off'} (Shift+G)`}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M5.5 1v14M10.5 1v14M1 5.5h14M1 10.5h14" fill="none" strokeWidth="1.3" />
        </svg>
      </ControlButton>
    </Controls>
  );
}
