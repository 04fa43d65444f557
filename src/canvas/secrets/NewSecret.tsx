import { useState, type KeyboardEvent } from 'react';
import { engine } from '../run/engine.ts';
import { refreshSecretNames } from './secretNames.ts';

/**
 * Name and value of a new secret, saved straight into the worker's vault. A group, not a form,
 * so it can sit inside other forms; Enter saves, Escape cancels.
 */
export function NewSecret({
  onSaved,
  onCancel,
  autoFocus = false,
}: {
  onSaved: (name: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!name || !value || saving) return;
    setSaving(true);
    const result = await engine().api.secretSet({ name: name.trim(), value });
    setSaving(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setName('');
    setValue('');
    await refreshSecretNames();
    onSaved(name.trim());
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && onCancel) {
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="secret-new" role="group" aria-label="Add a secret" onKeyDown={keys}>
      <input
        aria-label="Secret name"
        placeholder="BILLING_API_KEY"
        autoFocus={autoFocus}
        value={name}
        onChange={(e) => setName(e.target.value.toUpperCase())}
      />
      <input
        aria-label="Secret value"
        type="password"
        autoComplete="off"
        placeholder="value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="button"
        className="button-small"
        disabled={!name || !value || saving}
        onClick={() => void save()}
      >
        Save secret
      </button>
      {onCancel && (
        <button type="button" className="button-small" onClick={onCancel}>
          Cancel
        </button>
      )}
      {error && <small role="alert">{error}</small>}
    </div>
  );
}
