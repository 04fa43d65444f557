import { useState } from 'react';
import type { Flow } from '../../flow/index.ts';
import { Dialog } from '../Dialog.tsx';
import { useEditorState } from '../editor/context.ts';
import { useStore } from '../editor/store.ts';
import type { FlowSession } from './session.ts';
import { fromTemplate, templates } from './templates.ts';

interface FlowsDialogProps {
  readonly session: FlowSession;
  readonly open: boolean;
  readonly onClose: () => void;
  /** Makes a new flow with a fresh id from a name and optional content. */
  readonly fresh: (from?: Flow, name?: string) => Flow;
}

const when = (ms: number) => new Date(ms).toLocaleString();

/** The flow list (open, rename, duplicate, delete), a blank flow, and the templates gallery. */
export function FlowsDialog({ session, open, onClose, fresh }: FlowsDialogProps) {
  const flows = useStore(session.state, (s) => s.flows);
  const currentId = useEditorState((s) => s.history.present.id);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const act = (work: Promise<void>, close = true) => {
    void work.then(() => close && onClose());
  };

  return (
    <Dialog title="Flows" open={open} onClose={onClose} className="flows-dialog">
      <div className="flows-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => act(session.create(fresh()))}
        >
          New blank flow
        </button>
      </div>
      <h3 className="dialog-section">Your flows</h3>
      <ul className="flow-list" aria-label="Your flows">
        {flows.map((f) => (
          <li key={f.id} className="flow-row" data-current={f.id === currentId || undefined}>
            {renaming?.id === f.id ? (
              <form
                className="flow-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  act(session.rename(f.id, renaming.name), false);
                  setRenaming(null);
                }}
              >
                <input
                  aria-label={`New name for ${f.name}`}
                  value={renaming.name}
                  maxLength={200}
                  autoFocus
                  onChange={(e) => setRenaming({ id: f.id, name: e.target.value })}
                />
                <button type="submit" className="button-small">
                  Save name
                </button>
              </form>
            ) : (
              <button
                type="button"
                className="flow-open"
                onClick={() => act(session.open(f.id))}
                aria-label={`Open ${f.name}`}
              >
                <span className="flow-row-name">{f.name}</span>
                <span className="flow-row-meta">
                  {f.id === currentId ? 'open now' : `edited ${when(f.updatedAt)}`}
                </span>
              </button>
            )}
            <button
              type="button"
              className="button-small"
              onClick={() => setRenaming({ id: f.id, name: f.name })}
              aria-label={`Rename ${f.name}`}
            >
              Rename
            </button>
            <button
              type="button"
              className="button-small"
              aria-label={`Duplicate ${f.name}`}
              onClick={() =>
                act(
                  session
                    .load(f.id)
                    .then((loaded) =>
                      loaded.ok
                        ? session.create(fresh(loaded.flow, `${loaded.flow.name} (copy)`))
                        : undefined,
                    ),
                )
              }
            >
              Duplicate
            </button>
            <button
              type="button"
              className="button-small button-danger"
              aria-label={`Delete ${f.name}`}
              onClick={() => {
                if (window.confirm(`Delete “${f.name}”? This cannot be undone.`))
                  act(
                    session.remove(f.id, () => fresh()),
                    false,
                  );
              }}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <h3 className="dialog-section">Templates</h3>
      <ul className="template-list" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id} className="template-card">
            <div>
              <p className="template-name">{t.name}</p>
              <p className="template-description">{t.description}</p>
            </div>
            <button
              type="button"
              className="button-small"
              aria-label={`Use template ${t.name}`}
              onClick={() => act(session.create(fromTemplate(t)))}
            >
              Use
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
