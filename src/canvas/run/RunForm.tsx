import { useState, type FormEvent } from 'react';
import type { Field, Flow } from '../../flow/index.ts';
import { getKind, kindDef } from '../../nodes/index.ts';

/** The start node's declared input fields, as a form; values are typed before the run starts. */
function startFields(flow: Flow): Field[] {
  const start = flow.nodes.find((n) => getKind(n.type)?.entry);
  const parsed = start && kindDef('start').config.safeParse(start.data);
  return parsed?.success ? parsed.data.inputs : [];
}

function typed(
  field: Field,
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text === '' && !field.required) return { ok: true, value: undefined };
  switch (field.type) {
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, error: 'a number' };
    }
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'object':
    case 'list':
      try {
        const value: unknown = JSON.parse(text);
        const fits =
          field.type === 'list'
            ? Array.isArray(value)
            : value !== null && typeof value === 'object' && !Array.isArray(value);
        return fits
          ? { ok: true, value }
          : { ok: false, error: field.type === 'list' ? 'a JSON list' : 'a JSON object' };
      } catch {
        return { ok: false, error: field.type === 'list' ? 'a JSON list' : 'a JSON object' };
      }
    case 'text':
      return text === '' ? { ok: false, error: 'required' } : { ok: true, value: text };
  }
}

export function RunForm({
  flow,
  onStart,
  busy,
}: {
  flow: Flow;
  onStart: (input: Record<string, unknown>) => void;
  busy: boolean;
}) {
  const fields = startFields(flow);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: Record<string, unknown> = {};
    const found: Record<string, string> = {};
    for (const field of fields) {
      const result = typed(field, values[field.name] ?? (field.type === 'boolean' ? 'false' : ''));
      if (result.ok) {
        if (result.value !== undefined) input[field.name] = result.value;
      } else found[field.name] = `needs ${result.error}`;
    }
    setErrors(found);
    if (Object.keys(found).length === 0) onStart(input);
  };

  return (
    <form className="run-form" onSubmit={submit} aria-label="Run input">
      {fields.map((field) => (
        <label key={field.name} className="run-field">
          <span>
            {field.name}
            {field.required ? ' *' : ''}
          </span>
          {field.type === 'boolean' ? (
            <select
              value={values[field.name] ?? 'false'}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            >
              <option value="false">no</option>
              <option value="true">yes</option>
            </select>
          ) : (
            <input
              type={field.type === 'number' ? 'number' : 'text'}
              value={values[field.name] ?? ''}
              placeholder={field.description}
              aria-invalid={errors[field.name] ? true : undefined}
              onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            />
          )}
          {errors[field.name] && <em className="run-field-error">{errors[field.name]}</em>}
        </label>
      ))}
      <button type="submit" className="run-start" disabled={busy}>
        ▶ Run
      </button>
    </form>
  );
}
