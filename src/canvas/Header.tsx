import type { ReactNode } from 'react';
import { useState } from 'react';
import { useEditor, useEditorState } from './editor/context.ts';
import { renameFlow } from './editor/ops.ts';

interface HeaderProps {
  /** Whether the flow is saved. */
  status?: ReactNode;
  /** Buttons for the flow (files, share, theme…), drawn after the name. */
  children?: ReactNode;
}

/** Top bar: product name, the editable name of the flow, undo and redo, and the flow's actions. */
export function Header({ status, children }: HeaderProps) {
  const { actions } = useEditor();
  const name = useEditorState((s) => s.history.present.name);
  const readOnly = useEditorState((s) => s.readOnly);
  const canUndo = useEditorState((s) => s.history.past.length > 0 && !s.readOnly);
  const canRedo = useEditorState((s) => s.history.future.length > 0 && !s.readOnly);
  // The field may be empty while typing; the document keeps its last non-empty name.
  const [draft, setDraft] = useState<string | null>(null);

  return (
    <header className="workspace-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">AIOS Workspace</span>
      </div>
      <span className="header-separator" aria-hidden="true">
        /
      </span>
      <input
        className="flow-name"
        aria-label="Flow name"
        value={draft ?? name}
        maxLength={200}
        readOnly={readOnly}
        title={name}
        onChange={(e) => {
          setDraft(e.target.value);
          const trimmed = e.target.value.trim();
          if (trimmed) actions.edit((f) => renameFlow(f, trimmed), 'name');
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
        }}
      />
      <div className="header-tools" role="toolbar" aria-label="Edit">
        <button
          type="button"
          className="icon-button"
          onClick={actions.undo}
          disabled={!canUndo}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
        >
          ↶
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={actions.redo}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
        >
          ↷
        </button>
      </div>
      {status}
      <div className="header-actions">{children}</div>
    </header>
  );
}
