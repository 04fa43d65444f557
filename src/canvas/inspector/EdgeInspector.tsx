import { useEditor, useEditorState } from '../editor/context.ts';
import { removeElements, setEdgeLabel } from '../editor/ops.ts';

/** Settings of the selected edge: its label, and a way to delete it without the keyboard. */
export function EdgeInspector({ id }: { id: string }) {
  const { actions } = useEditor();
  const edge = useEditorState((s) => s.history.present.edges.find((e) => e.id === id));
  const readOnly = useEditorState((s) => s.readOnly);
  if (!edge) return <p className="panel-empty">Select a node to edit it</p>;
  return (
    <div className="inspector-form">
      <h3 className="inspector-kind">Edge</h3>
      <p className="inspector-id">
        {edge.source}.{edge.sourceHandle} → {edge.target}.{edge.targetHandle}
      </p>
      <div className="field">
        <label className="field-label" htmlFor="edge-label">
          Label <span className="field-hint">optional</span>
        </label>
        <input
          id="edge-label"
          type="text"
          value={edge.label ?? ''}
          maxLength={200}
          disabled={readOnly}
          onChange={(e) =>
            actions.edit((f) => setEdgeLabel(f, id, e.target.value), `edge-label:${id}`)
          }
        />
      </div>
      <button
        type="button"
        className="button"
        disabled={readOnly}
        onClick={() => {
          actions.edit((f) => removeElements(f, new Set(), new Set([id])));
          actions.select({ nodes: new Set(), edges: new Set() });
        }}
      >
        Delete edge
      </button>
    </div>
  );
}
