import { useCallback, useState } from 'react';
import type { SecretInfo, VaultStatus } from '../../secrets/index.ts';
import { Dialog } from '../Dialog.tsx';
import { engine } from '../run/engine.ts';
import { NewSecret } from './NewSecret.tsx';
import { refreshSecretNames } from './secretNames.ts';
import { VaultLock } from './VaultLock.tsx';
import './secrets.css';

/**
 * The secrets vault: names and dates only. A value can be written, never read back here: the
 * worker keeps values and hands them to connectors when a run calls them.
 */
export function SecretsDialog() {
  const [open, setOpen] = useState(false);
  const [secrets, setSecrets] = useState<readonly SecretInfo[]>([]);
  const [status, setStatus] = useState<VaultStatus>('open');
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [list, state] = await Promise.all([
      engine().api.secretList(),
      engine().api.vaultStatus(),
    ]);
    if (list.ok) setSecrets(list.value);
    void refreshSecretNames();
    if (state.ok) setStatus(state.value);
    if (!list.ok) setError(list.error.message);
  }, []);
  const show = () => {
    setOpen(true);
    void refresh();
  };

  return (
    <>
      <button type="button" className="button" onClick={show}>
        Secrets
      </button>
      <Dialog title="Secrets" open={open} onClose={() => setOpen(false)}>
        <p className="secrets-note">
          Flows name a secret (e.g. BILLING_API_KEY); its value stays in this browser and never
          appears in exports, share links or run logs.
        </p>
        <VaultLock status={status} onChange={refresh} onError={setError} />
        {status !== 'locked' && <NewSecret onSaved={() => void refresh()} />}
        {error && <p role="alert">{error}</p>}
        <ul className="secrets-list" aria-label="Saved secrets">
          {secrets.length === 0 && <li className="panel-empty">No secrets yet</li>}
          {secrets.map((s) => (
            <li key={s.name}>
              <code>{s.name}</code>
              <span className="secrets-date">{new Date(s.createdAt).toLocaleDateString()}</span>
              <button
                type="button"
                className="button"
                aria-label={`Remove ${s.name}`}
                onClick={() => void engine().api.secretRemove({ name: s.name }).then(refresh)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
