import type { KeyboardEvent, Ref } from 'react';
import type { Problem } from '../capabilities/checkInput.ts';
import { problemsOf, type PayloadForm, type PayloadValues } from './payloadForm.ts';

/**
 * The form an approver edits a payload in, with each problem under its field. `focusRef` lands on
 * the main text (the first long field), where edits usually go.
 */
export function PayloadEditor({
  form,
  values,
  onChange,
  problems,
  focusRef,
  onKeyDown,
}: {
  form: PayloadForm;
  values: PayloadValues;
  onChange: (values: PayloadValues) => void;
  problems: readonly Problem[];
  focusRef?: Ref<HTMLTextAreaElement & HTMLInputElement>;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
}) {
  const main =
    form.fields.find((f) => f.kind === 'multiline')?.key ?? form.fields[0]?.key ?? undefined;
  const claimed = new Set<Problem>();
  const rows = form.fields.map((field) => {
    const mine = problemsOf(problems, field.key);
    mine.forEach((p) => claimed.add(p));
    const label = field.key || 'Value (JSON)';
    const id = `payload-${field.key || 'value'}`;
    const common = {
      id,
      'aria-invalid': mine.length > 0,
      'aria-describedby': mine.length > 0 ? `${id}-problems` : undefined,
      ref: field.key === main ? focusRef : undefined,
    };
    const value = values[field.key];
    const text = typeof value === 'string' ? value : '';
    const set = (v: string | boolean) => onChange({ ...values, [field.key]: v });
    return (
      <div className="payload-field" key={field.key}>
        <label htmlFor={id}>{label}</label>
        {field.kind === 'boolean' ? (
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
        ) : field.kind === 'text' || field.kind === 'number' ? (
          <input
            {...common}
            type="text"
            inputMode={field.kind === 'number' ? 'decimal' : undefined}
            value={text}
            onChange={(e) => set(e.target.value)}
          />
        ) : (
          <textarea
            {...common}
            className={field.kind === 'json' ? 'payload-json' : undefined}
            rows={field.kind === 'json' ? Math.min(8, Math.max(2, text.split('\n').length)) : 7}
            value={text}
            onChange={(e) => set(e.target.value)}
          />
        )}
        {mine.length > 0 && (
          <ul className="payload-problems" id={`${id}-problems`}>
            {mine.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  });
  const others = problems.filter((p) => !claimed.has(p));
  return (
    <div
      className="payload-editor"
      data-role="editor"
      role="group"
      aria-label="Edit before approving"
      onKeyDown={onKeyDown}
    >
      {rows}
      {others.length > 0 && (
        <ul className="payload-problems">
          {others.map((p) => (
            <li key={`${p.path}:${p.message}`}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
