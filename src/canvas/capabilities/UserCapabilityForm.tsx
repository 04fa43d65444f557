import { useMemo, useState, type ReactNode } from 'react';
import type { UserCapability } from '../../flow/index.ts';
import type { Problem } from './checkInput.ts';
import { FieldList } from './FieldList.tsx';
import { CodeField } from '../inspector/CodeField.tsx';
import { SecretPicker } from '../secrets/SecretPicker.tsx';
import {
  checkDraft,
  draftOf,
  methods,
  problemsAt,
  sideEffectClasses,
  type CapabilityDraft,
} from './userCapabilityDraft.ts';

/** The draft's plain text entries, edited with a text box. */
type TextKey = {
  [K in keyof CapabilityDraft]: string extends CapabilityDraft[K] ? K : never;
}[keyof CapabilityDraft];

/** A labelled control with the problems at its path of the document underneath. */
function Row({
  label,
  path,
  problems,
  hint,
  children,
}: {
  label: string;
  path: string;
  problems: readonly Problem[];
  hint?: string;
  children: (id: string, invalid: boolean) => ReactNode;
}) {
  const mine = problemsAt(problems, path);
  const id = `cap-${path}`;
  return (
    <div className="cap-row">
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      {children(id, mine.length > 0)}
      {hint && <small>{hint}</small>}
      {mine.map((p) => (
        <small key={`${p.path}:${p.message}`} className="cap-problem" role="alert">
          {p.path}: {p.message}
        </small>
      ))}
    </div>
  );
}

/**
 * Creates or edits a user-defined HTTP capability of the flow. The form is checked as the flow
 * document is (schema, template and expression syntax, unique id) and problems show at their
 * fields; saving hands a valid capability to `onSave`.
 */
export function UserCapabilityForm({
  initial,
  own,
  known,
  onSave,
  onCancel,
}: {
  /** The capability being edited, or undefined for a new one. */
  initial?: UserCapability | undefined;
  own: readonly UserCapability[];
  /** Every capability id there is, for the compensation. */
  known: readonly string[];
  onSave: (capability: UserCapability) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<CapabilityDraft>(() => draftOf(initial));
  const [tried, setTried] = useState(false);
  const editing = initial?.id ?? null;
  const checked = useMemo(
    () => checkDraft(draft, own, editing, known),
    [draft, own, editing, known],
  );
  const problems = tried && !checked.ok ? checked.problems : [];
  const set = (patch: Partial<CapabilityDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setHeader = (at: number, value: string) =>
    setDraft((d) => ({
      ...d,
      headers: d.headers.map((h, j) => (j === at ? { ...h, value } : h)),
    }));
  const text = (key: TextKey) => (id: string, invalid: boolean) => (
    <input
      id={id}
      aria-invalid={invalid}
      value={draft[key]}
      onChange={(e) => set({ [key]: e.target.value })}
    />
  );

  // Templates (Liquid over the input) and the response mapping (JSONata) are highlighted and
  // checked as in the inspector; each field keeps its own undo (the form has no app history).
  const code =
    (key: 'url' | 'body' | 'responseMapping', language: 'template' | 'expression') =>
    (id: string, invalid: boolean) => {
      const multiline = key === 'body';
      return (
        <CodeField
          plain={
            multiline ? (
              <textarea
                id={id}
                rows={3}
                aria-invalid={invalid}
                value={draft[key]}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            ) : (
              text(key)(id, invalid)
            )
          }
          language={language}
          value={draft[key]}
          readOnly={false}
          id={id}
          labelledBy={`${id}-label`}
          invalid={invalid}
          multiline={multiline}
          onChange={(value) => set({ [key]: value })}
        />
      );
    };

  return (
    <form
      className="cap-form"
      aria-label={editing ? `Edit capability ${editing}` : 'New capability'}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (checked.ok) onSave(checked.capability);
        else {
          // Take the person to the first thing to fix once the problems are drawn.
          const form = e.currentTarget;
          requestAnimationFrame(() =>
            form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
          );
        }
      }}
    >
      <h3>{editing ? `Edit ${editing}` : 'New HTTP capability'}</h3>
      <fieldset>
        <legend>What it is</legend>
        <Row label="Id" path="id" problems={problems} hint="e.g. acme.createTicket">
          {text('id')}
        </Row>
        <Row label="Title" path="title" problems={problems}>
          {text('title')}
        </Row>
        <Row label="Description" path="description" problems={problems}>
          {text('description')}
        </Row>
        <Row label="Side effect" path="sideEffect" problems={problems}>
          {(id) => (
            <select
              id={id}
              value={draft.sideEffect}
              onChange={(e) => set({ sideEffect: e.target.value as CapabilityDraft['sideEffect'] })}
            >
              {sideEffectClasses.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Row>
      </fieldset>
      <fieldset>
        <legend>Request</legend>
        <Row label="Method" path="method" problems={problems}>
          {(id) => (
            <select
              id={id}
              value={draft.method}
              onChange={(e) => set({ method: e.target.value as CapabilityDraft['method'] })}
            >
              {methods.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Row>
        <Row
          label="URL template"
          path="url"
          problems={problems}
          hint="Liquid over the input: https://api.example.com/contacts/{{ input.email }}"
        >
          {code('url', 'template')}
        </Row>
        <div className="cap-row">
          <span className="cap-label">Headers</span>
          {draft.headers.map((h, i) => (
            <div className="cap-header" key={i}>
              <input
                aria-label={`Header ${i + 1} name`}
                placeholder="Name"
                value={h.name}
                onChange={(e) =>
                  set({
                    headers: draft.headers.map((x, j) =>
                      j === i ? { ...x, name: e.target.value } : x,
                    ),
                  })
                }
              />
              <CodeField
                plain={
                  <input
                    aria-label={`Header ${i + 1} value`}
                    placeholder="Value (template; never a secret)"
                    value={h.value}
                    onChange={(e) => setHeader(i, e.target.value)}
                  />
                }
                language="template"
                value={h.value}
                readOnly={false}
                id={`cap-header-${i}-value`}
                label={`Header ${i + 1} value`}
                invalid={false}
                multiline={false}
                onChange={(value) => setHeader(i, value)}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => set({ headers: draft.headers.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
          ))}
          {problemsAt(problems, 'headers').map((p) => (
            <small key={`${p.path}:${p.message}`} className="cap-problem" role="alert">
              {p.path}: {p.message}
            </small>
          ))}
          <button
            type="button"
            className="button-small"
            onClick={() => set({ headers: [...draft.headers, { name: '', value: '' }] })}
          >
            Add header
          </button>
        </div>
        <Row
          label="Body template"
          path="body"
          problems={problems}
          hint='Liquid; leave empty for none. e.g. {"email": "{{ input.email }}"}'
        >
          {code('body', 'template')}
        </Row>
      </fieldset>
      <fieldset>
        <legend>Auth</legend>
        <Row
          label="Secret name"
          path="auth.secret"
          problems={problems}
          hint="A name from this browser's vault; the value never enters the flow"
        >
          {(id, invalid) => (
            <SecretPicker
              id={id}
              invalid={invalid}
              value={draft.authSecret.trim() || undefined}
              onChange={(name) => set({ authSecret: name ?? '' })}
            />
          )}
        </Row>
        <Row label="Scheme" path="auth.scheme" problems={problems}>
          {(id) => (
            <select
              id={id}
              value={draft.authScheme}
              onChange={(e) => set({ authScheme: e.target.value as CapabilityDraft['authScheme'] })}
            >
              <option value="bearer">Authorization: Bearer</option>
              <option value="basic">Authorization: Basic</option>
              <option value="header">a header of its own</option>
            </select>
          )}
        </Row>
        {draft.authScheme === 'header' && (
          <Row label="Auth header" path="auth.header" problems={problems} hint="x-api-key">
            {text('authHeader')}
          </Row>
        )}
      </fieldset>
      <FieldList
        name="input"
        fields={draft.input}
        onChange={(input) => set({ input })}
        problems={problems}
      />
      <FieldList
        name="output"
        fields={draft.output}
        onChange={(output) => set({ output })}
        problems={problems}
      />
      <fieldset>
        <legend>Idempotency, response, retries, compensation</legend>
        <Row
          label="Idempotency header"
          path="idempotency"
          problems={problems}
          hint="e.g. Idempotency-Key; empty when the remote has none"
        >
          {text('idempotencyHeader')}
        </Row>
        <label className="cap-check">
          <input
            type="checkbox"
            checked={draft.remoteDedupes}
            onChange={(e) => set({ remoteDedupes: e.target.checked })}
          />
          The remote ignores a repeated key (a retry after an unknown outcome is safe)
        </label>
        <Row
          label="Response mapping"
          path="responseMapping"
          problems={problems}
          hint='JSONata over the response body, e.g. { "id": data.id }'
        >
          {code('responseMapping', 'expression')}
        </Row>
        <Row
          label="Retry on statuses"
          path="retryOn"
          problems={problems}
          hint="Comma-separated, e.g. 429, 503"
        >
          {text('retryOn')}
        </Row>
        <Row label="Compensation" path="compensate" problems={problems}>
          {(id, invalid) => (
            <select
              id={id}
              aria-invalid={invalid}
              value={draft.compensate}
              onChange={(e) => set({ compensate: e.target.value })}
            >
              <option value="">none</option>
              {known.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          )}
        </Row>
      </fieldset>
      {tried && !checked.ok && (
        <p className="cap-problem" role="alert">
          {checked.problems.length} problem{checked.problems.length === 1 ? '' : 's'} to fix before
          saving
        </p>
      )}
      <div className="cap-actions">
        <button type="submit" className="button button-primary">
          {editing ? 'Save changes' : 'Add to this flow'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
