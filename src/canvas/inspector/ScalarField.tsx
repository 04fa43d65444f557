import type { ChangeEvent } from 'react';
import { CodeField } from './CodeField.tsx';
import { FieldErrors } from './FieldErrors.tsx';
import { inputId, useFieldErrors, useForm } from './formContext.ts';
import type { Path } from './paths.ts';
import type { FieldSpec } from './schemaForm.ts';

type Scalar = Extract<FieldSpec, { kind: 'text' | 'number' | 'boolean' | 'enum' | 'json' }>;

interface ScalarFieldProps {
  readonly label: string;
  readonly spec: Scalar;
  readonly path: Path;
  readonly value: unknown;
  readonly optional: boolean;
  /** Hide the visible label (list items are labelled by their list). */
  readonly bare?: boolean;
}

const CODE_HINT = {
  template: 'Liquid template',
  expression: 'JSONata expression',
  javascript: 'JavaScript: the body of a function of input; return the output',
} as const;

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Numbers as typed: a number when it reads as one, otherwise the text, so zod names the problem. */
function readNumber(text: string, optional: boolean): unknown {
  if (text.trim() === '') return optional ? undefined : text;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** One input for a text, number, boolean, choice or raw JSON value, with its inline errors. */
export function ScalarField({ label, spec, path, value, optional, bare }: ScalarFieldProps) {
  const form = useForm();
  const errors = useFieldErrors(path);
  const id = inputId(form.idPrefix, path);
  const labelId = `${id}-label`;
  const errorId = `${id}-errors`;
  const common = {
    id,
    disabled: form.readOnly,
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': errors.length > 0 ? errorId : undefined,
    ...(bare ? { 'aria-label': label } : {}),
  };
  const onText = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    form.change(path, e.target.value === '' && optional ? undefined : e.target.value);

  let input;
  switch (spec.kind) {
    case 'boolean':
      input = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => form.change(path, e.target.checked)}
        />
      );
      break;
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          inputMode={spec.integer ? 'numeric' : 'decimal'}
          step={spec.integer ? 1 : 'any'}
          min={spec.min}
          max={spec.max}
          value={textOf(value)}
          onChange={(e) => form.change(path, readNumber(e.target.value, optional))}
        />
      );
      break;
    case 'enum':
      input = (
        <select {...common} value={textOf(value)} onChange={onText}>
          {optional && <option value="">(none)</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'json':
      input = (
        <textarea
          {...common}
          className="code"
          value={textOf(value)}
          onChange={(e) => form.change(path, readJson(e.target.value))}
        />
      );
      break;
    case 'text': {
      const list = spec.suggest === 'capabilities' ? `${form.idPrefix}-capabilities` : undefined;
      const plain = spec.multiline ? (
        <textarea
          {...common}
          className={spec.code ? 'code' : undefined}
          rows={3}
          value={textOf(value)}
          onChange={onText}
          spellCheck={!spec.code}
        />
      ) : (
        <input
          {...common}
          type="text"
          className={spec.code ? 'code' : undefined}
          value={textOf(value)}
          onChange={onText}
          list={list}
          spellCheck={!spec.code}
        />
      );
      input = spec.code ? (
        <CodeField
          plain={plain}
          language={spec.code}
          value={textOf(value)}
          readOnly={form.readOnly}
          id={id}
          {...(bare ? { label } : { labelledBy: labelId })}
          invalid={errors.length > 0}
          {...(errors.length > 0 ? { describedBy: errorId } : {})}
          multiline={spec.multiline}
          onChange={(text) => form.change(path, text === '' && optional ? undefined : text)}
          onUndo={form.undo}
          onRedo={form.redo}
        />
      ) : (
        plain
      );
      break;
    }
  }
  return (
    <div className={`field field-${spec.kind}`}>
      {!bare && (
        <label
          htmlFor={id}
          id={labelId}
          className="field-label"
          // A label does not focus a contenteditable editor by itself.
          onClick={
            spec.kind === 'text' && spec.code
              ? () => document.getElementById(id)?.focus()
              : undefined
          }
        >
          {label}
          {spec.kind === 'text' && spec.code && (
            <>
              {' '}
              <span className="field-hint">{CODE_HINT[spec.code]}</span>
            </>
          )}
          {optional && (
            <>
              {' '}
              <span className="field-hint">optional</span>
            </>
          )}
        </label>
      )}
      {input}
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}
