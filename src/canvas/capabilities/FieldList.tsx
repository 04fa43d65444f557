import type { Field } from '../../flow/index.ts';
import type { Problem } from './checkInput.ts';
import { problemsAt, type FieldDraft } from './userCapabilityDraft.ts';

const fieldTypes: readonly Field['type'][] = ['text', 'number', 'boolean', 'object', 'list'];
const blankField: FieldDraft = { name: '', type: 'text', required: true, description: '' };

/** The input or output fields of a capability, as editable rows. */
export function FieldList({
  name,
  fields,
  onChange,
  problems,
}: {
  name: 'input' | 'output';
  fields: readonly FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  problems: readonly Problem[];
}) {
  const set = (i: number, patch: Partial<FieldDraft>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="cap-fields">
      <legend>{name === 'input' ? 'Input fields' : 'Output fields'}</legend>
      {fields.map((f, i) => (
        <div className="cap-field" key={i}>
          <input
            aria-label={`${name} field ${i + 1} name`}
            placeholder="name"
            value={f.name}
            aria-invalid={problemsAt(problems, `${name}[${i}]`).length > 0}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <select
            aria-label={`${name} field ${i + 1} type`}
            value={f.type}
            onChange={(e) => set(i, { type: e.target.value as Field['type'] })}
          >
            {fieldTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label className="cap-check">
            <input
              type="checkbox"
              checked={f.required}
              onChange={(e) => set(i, { required: e.target.checked })}
            />
            required
          </label>
          <input
            aria-label={`${name} field ${i + 1} description`}
            placeholder="description"
            value={f.description}
            onChange={(e) => set(i, { description: e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${name} field ${i + 1}`}
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
          >
            ×
          </button>
          {problemsAt(problems, `${name}[${i}]`).map((p) => (
            <small key={p.message} className="cap-problem" role="alert">
              {p.path}: {p.message}
            </small>
          ))}
        </div>
      ))}
      <button
        type="button"
        className="button-small"
        onClick={() => onChange([...fields, blankField])}
      >
        Add {name} field
      </button>
    </fieldset>
  );
}
