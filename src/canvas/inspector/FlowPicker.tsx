import { useEditorState } from '../editor/context.ts';
import { useStore } from '../editor/store.ts';
import { flowLabel } from '../files/savedFlows.ts';
import type { FlowSession } from '../files/session.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { inputId, useFieldErrors, useForm } from './formContext.ts';
import type { Path } from './paths.ts';

interface FlowPickerProps {
  readonly label: string;
  readonly path: Path;
  readonly value: unknown;
  /** The saved flows to choose from, and where to open one. */
  readonly session: Pick<FlowSession, 'state' | 'open'>;
}

/**
 * Chooses a saved flow by name and stores its id (a Subflow node's `flow`), with a button that
 * opens it. The open flow is not offered (a flow cannot run itself). An id that names no saved
 * flow stays shown, as such, until another is chosen.
 */
export function FlowPicker({ label, path, value, session }: FlowPickerProps) {
  const flows = useStore(session.state, (s) => s.flows);
  const currentId = useEditorState((s) => s.history.present.id);
  const form = useForm();
  const errors = useFieldErrors(path);
  const id = inputId(form.idPrefix, path);
  const errorId = `${id}-errors`;
  const chosen = typeof value === 'string' ? value : '';
  const choices = flows.filter((f) => f.id !== currentId);
  const known = choices.some((f) => f.id === chosen);
  return (
    <div className="field field-flow">
      <label htmlFor={id} className="field-label">
        {label} <span className="field-hint">a saved flow</span>
      </label>
      <div className="field-inline">
        <select
          id={id}
          value={chosen}
          disabled={form.readOnly}
          aria-invalid={errors.length > 0 || !known || undefined}
          aria-describedby={errors.length > 0 ? errorId : undefined}
          onChange={(e) => form.change(path, e.target.value)}
        >
          {!known && <option value={chosen}>Choose a saved flow…</option>}
          {choices.map((f) => (
            <option key={f.id} value={f.id}>
              {flowLabel(choices, f)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button-small"
          disabled={!known}
          onClick={() => void session.open(chosen)}
        >
          Open
        </button>
      </div>
      {!known && chosen && (
        <p className="field-note">
          “{chosen}” is not a saved flow in this browser
          {choices.length === 0 ? ': save another flow first.' : '.'}
        </p>
      )}
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}
