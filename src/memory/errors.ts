/** What went wrong, as data a user can act on; crosses worker boundaries as `{ code, message }`. */
type MemoryErrorCode =
  | 'storage-full'
  | 'upgrade-blocked'
  | 'closed'
  | 'not-found'
  | 'invalid'
  | 'model-unavailable'
  | 'storage-failed';

const fixes: Record<MemoryErrorCode, string> = {
  'storage-full':
    'the browser has no storage left for this site: free disk space or delete old memories; nothing was changed',
  'upgrade-blocked':
    'another tab of the workspace holds the memory database open with an older version: close or reload it',
  closed: 'the memory database was closed (another tab upgraded or deleted it): reload the page',
  'not-found': 'it may have been deleted in another tab',
  invalid: 'fix the value and try again',
  'model-unavailable':
    'check the model folder in the memory settings, or the network if the model comes from the hub',
  'storage-failed': 'try again; if it keeps failing, back up the memory and reload the page',
};

export class MemoryError extends Error {
  constructor(
    readonly code: MemoryErrorCode,
    what: string,
  ) {
    super(`${what}: ${fixes[code]}`);
    this.name = 'MemoryError';
  }
}

function named(error: unknown, names: readonly string[], depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && names.includes(e.name)) return true;
  const failures = Array.isArray(e.failures) ? (e.failures as unknown[]) : [];
  return [e.inner, e.cause, ...failures].some((inner) => named(inner, names, depth + 1));
}

/** Turns whatever IndexedDB or Dexie threw into a `MemoryError` saying what failed and why. */
export function storageError(error: unknown, what: string): MemoryError {
  if (error instanceof MemoryError) return error;
  if (named(error, ['QuotaExceededError'])) return new MemoryError('storage-full', what);
  if (named(error, ['VersionError', 'BlockedError']))
    return new MemoryError('upgrade-blocked', what);
  if (named(error, ['DatabaseClosedError'])) return new MemoryError('closed', what);
  const detail = error instanceof Error ? error.message : String(error);
  return new MemoryError('storage-failed', `${what} (${detail})`);
}
