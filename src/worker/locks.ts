/**
 * One runner per run across tabs: a Web Lock named after the run, held while the run is active
 * here. `ifAvailable` makes a second tab step aside instead of queueing behind the first.
 */
export function webLocks(locks: LockManager): {
  tryAcquire(runId: string): Promise<(() => void) | null>;
} {
  return {
    tryAcquire: (runId) =>
      new Promise((resolve, reject) => {
        locks
          .request(`aios-run:${runId}`, { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return undefined;
            }
            return new Promise<void>((release) => resolve(() => release()));
          })
          .catch(reject);
      }),
  };
}
