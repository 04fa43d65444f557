import { useState } from 'react';
import { NewSecret } from './NewSecret.tsx';
import { useSecretNames } from './secretNames.ts';
import './secrets.css';

interface SecretPickerProps {
  readonly id: string;
  /** The secret's name, or `undefined` for none. */
  readonly value: string | undefined;
  readonly onChange: (name: string | undefined) => void;
  /** Offer "(none)": the connector then sends no credentials. */
  readonly allowNone?: boolean;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
}

/**
 * Chooses a secret by name from this browser's vault. Only names are ever shown; a new secret's
 * value goes straight to the worker's vault and never into the flow.
 */
export function SecretPicker(props: SecretPickerProps) {
  const { id, value, onChange, allowNone = true, disabled, invalid, describedBy } = props;
  const { names, error } = useSecretNames();
  const [adding, setAdding] = useState(false);
  const missing = value !== undefined && names !== null && !names.includes(value);
  const noteId = `${id}-note`;
  return (
    <div className="secret-picker">
      <div className="secret-picker-row">
        <select
          id={id}
          value={value ?? ''}
          disabled={disabled}
          aria-invalid={invalid || missing || undefined}
          aria-describedby={
            [describedBy, missing ? noteId : undefined].filter(Boolean).join(' ') || undefined
          }
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          {(allowNone || value === undefined) && <option value="">(none)</option>}
          {names?.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {missing && <option value={value}>{value} (not in this browser)</option>}
        </select>
        {!disabled && (
          <button
            type="button"
            className="button-small"
            aria-expanded={adding}
            onClick={() => setAdding((open) => !open)}
          >
            New secret…
          </button>
        )}
      </div>
      {missing && (
        <small id={noteId} className="secret-missing">
          {value} is not in this browser&apos;s vault: calls will fail until you add it.
        </small>
      )}
      {error && <small role="alert">Could not list secrets: {error}</small>}
      {adding && (
        <NewSecret
          autoFocus
          onSaved={(name) => {
            setAdding(false);
            onChange(name);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
    </div>
  );
}
