import { useState } from 'react';
import type { VaultStatus } from '../../secrets/index.ts';
import { engine } from '../run/engine.ts';

/** Passphrase protection of the vault: protect, unlock for this session, lock again. */
export function VaultLock({
  status,
  onChange,
  onError,
}: {
  status: VaultStatus;
  onChange: () => Promise<void>;
  onError: (message: string | null) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const act = async (work: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await work();
    onError(result.ok ? null : (result.error?.message ?? 'failed'));
    if (result.ok) setPassphrase('');
    await onChange();
  };
  const label = { open: 'Not encrypted', locked: 'Locked', unlocked: 'Encrypted, unlocked' }[
    status
  ];
  return (
    <div className="vault-lock" aria-label="Vault protection">
      <span className={`vault-status vault-${status}`}>{label}</span>
      {status === 'unlocked' ? (
        <button
          type="button"
          className="button"
          onClick={() => void act(() => engine().api.vaultLock())}
        >
          Lock
        </button>
      ) : (
        <>
          <input
            aria-label="Passphrase"
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={!passphrase}
            onClick={() =>
              void act(() =>
                status === 'locked'
                  ? engine().api.vaultUnlock({ passphrase })
                  : engine().api.vaultProtect({ passphrase }),
              )
            }
          >
            {status === 'locked' ? 'Unlock' : 'Encrypt with passphrase'}
          </button>
        </>
      )}
    </div>
  );
}
