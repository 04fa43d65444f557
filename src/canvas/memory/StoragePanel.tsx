import { useState } from 'react';
import { RestoreButton } from './RestoreButton.tsx';
import type { MemoryService } from './service.ts';
import { useServiceState } from './useMemory.ts';

/** Backup, restore, wipe, and what the browser said about persistent storage. */
export function StoragePanel({ service }: { service: MemoryService }) {
  const { persistence, lastBackup } = useServiceState(service);
  // The panel is short-lived (it lives in the Memory dialog): "now" as it opened is enough.
  const [now] = useState(() => Date.now());
  const [confirmWipe, setConfirmWipe] = useState(false);
  const [notice, setNotice] = useState('');

  const backup = async () => {
    const blob = await service.backup();
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `aios-memory-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="memory-card" aria-label="Memory storage">
      <h3>Storage</h3>
      {persistence && (
        <p className="memory-help" aria-label="Persistence">
          {persistence}
        </p>
      )}
      <p className="memory-help">
        A backup is one JSON file with every entity, memory and vector (never a secret). Keep one
        somewhere else: a browser may clear a site&apos;s storage.
      </p>
      {lastBackup !== undefined && (
        <p
          className="memory-backup-age"
          aria-label="Last backup"
          data-due={backupDue(lastBackup, now) || undefined}
        >
          {backupAge(lastBackup, now)}
        </p>
      )}
      <div className="memory-actions">
        <button type="button" className="button-small" onClick={() => void backup()}>
          Back up
        </button>
        <RestoreButton service={service} onRestored={(f) => setNotice(`Restored from ${f}.`)} />
        {confirmWipe ? (
          <>
            <button
              type="button"
              className="button-small danger"
              onClick={() => {
                setConfirmWipe(false);
                void service.act((m) => m.wipe()).then(() => setNotice('Memory wiped.'));
              }}
            >
              Yes, wipe everything
            </button>
            <button type="button" className="button-small" onClick={() => setConfirmWipe(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button-small danger"
            onClick={() => setConfirmWipe(true)}
          >
            Wipe
          </button>
        )}
      </div>
      {notice && <p role="status">{notice}</p>}
    </section>
  );
}

const DAY_MS = 86_400_000;
/** A backup older than this is reminded of. */
const BACKUP_DUE_DAYS = 7;

const backupDue = (at: number | null, now: number) =>
  at === null || now - at > BACKUP_DUE_DAYS * DAY_MS;

/**
 * How old the last backup is, as a reminder when there is none or it is old.
 * @example backupAge(null, now) // 'Never backed up from this browser: back up now, …'
 */
function backupAge(at: number | null, now: number): string {
  if (at === null)
    return 'Never backed up from this browser: back up now, so clearing site data cannot take the memory with it.';
  const days = Math.max(0, Math.floor((now - at) / DAY_MS));
  const when = new Date(at).toLocaleDateString(undefined, { dateStyle: 'medium' });
  const ago = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  return backupDue(at, now)
    ? `Last backed up ${ago} (${when}): back up again to keep recent memories safe.`
    : `Last backed up ${ago} (${when}).`;
}
