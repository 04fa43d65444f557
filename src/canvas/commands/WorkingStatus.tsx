import { useEditorState } from '../editor/context.ts';

/** Says that a command is at work (auto-layout), over the canvas, until it is done. */
export function WorkingStatus() {
  const working = useEditorState((s) => s.working);
  return (
    <div className="canvas-working" role="status" aria-live="polite">
      {working && (
        <p className="canvas-working-text">
          <span className="spinner" aria-hidden="true" />
          {working}
        </p>
      )}
    </div>
  );
}
