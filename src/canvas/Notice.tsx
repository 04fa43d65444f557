import { useEffect } from 'react';
import { useEditor, useEditorState } from './editor/context.ts';

const SHOWN_MS = 6_000;

/** A message over the canvas (why a connection was refused…); it fades after a few seconds. */
export function Notice() {
  const { actions } = useEditor();
  const notice = useEditorState((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => actions.notify(undefined), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, actions]);
  return (
    <div className="canvas-notice" role="status" aria-live="polite" aria-label="Canvas message">
      {notice && (
        <p className="canvas-notice-text">
          {notice.text}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => actions.notify(undefined)}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
