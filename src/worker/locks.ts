import type { RunLocks } from '../engine/index.ts';

const lockName = (runId: string) => `aios-run:${runId}`;

/**
 * One runner per run across tabs: a Web Lock named after the run, held while the run is active
 * here. `tryAcquire` (`ifAvailable`) makes a second tab step aside instead of queueing behind the
 * first; `acquireWhenFree` queues, so the second tab takes the run over the moment the first
 * closes (the browser releases a closed tab's locks).
 */
export function webLocks(locks: LockManager): Required<RunLocks> {
  const held = (resolve: (release: () => void) => void) => () =>
    new Promise<void>((release) => resolve(() => release()));
  return {
    tryAcquire: (runId) =>
      new Promise((resolve, reject) => {
        locks
          .request(lockName(runId), { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return undefined;
            }
            return held(resolve)();
          })
          .catch(reject);
      }),
    acquireWhenFree: (runId, signal) =>
      new Promise((resolve, reject) => {
        locks.request(lockName(runId), { signal }, held(resolve)).catch(reject);
      }),
  };
}
