import { useEffect } from 'react';
import { useEditor, useEditorState } from './editor/context.ts';

const SHOWN_MS = 6_000;
/** A notice that offers something to do stays long enough to do it. */
const SHOWN_WITH_ACTION_MS = 15_000;

/**
 * A message over the canvas (why a connection was refused, what grouping made…), with a button
 * when there is something to do about it; it fades after a few seconds.
 */
export function Notice() {
  const { actions } = useEditor();
  const notice = useEditorState((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.sticky) return;
    const shown = notice.action ? SHOWN_WITH_ACTION_MS : SHOWN_MS;
    const timer = setTimeout(() => actions.notify(undefined), shown);
    return () => clearTimeout(timer);
  }, [notice, actions]);
  return (
    <div className="canvas-notice" role="status" aria-live="polite" aria-label="Canvas message">
      {notice && (
        <p className="canvas-notice-text" data-tone={notice.tone ?? 'problem'}>
          {notice.text}
          {notice.action && (
            <button
              type="button"
              className="button-small"
              onClick={() => {
                notice.action?.run();
                actions.notify(undefined);
              }}
            >
              {notice.action.label}
            </button>
          )}
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
