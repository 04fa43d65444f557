import type { RunLocks } from '../../../src/engine/index.ts';

/**
 * Locks shared by several engines the way Web Locks are shared by tabs: one holder per run, and
 * waiters served in order when it lets go.
 */
export function queuedLocks(): Required<RunLocks> & { held: Set<string> } {
  const held = new Set<string>();
  const queues = new Map<string, (() => void)[]>();
  const releaser = (runId: string) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = queues.get(runId)?.shift();
      if (next) next();
      else held.delete(runId);
    };
  };
  return {
    held,
    tryAcquire: (runId) =>
      Promise.resolve(held.has(runId) ? null : (held.add(runId), releaser(runId))),
    acquireWhenFree: (runId, signal) =>
      new Promise((resolve, reject) => {
        if (!held.has(runId)) {
          held.add(runId);
          return resolve(releaser(runId));
        }
        const queue = queues.get(runId) ?? [];
        queues.set(runId, queue);
        const grant = () => resolve(releaser(runId));
        queue.push(grant);
        signal.addEventListener('abort', () => {
          queue.splice(queue.indexOf(grant), 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      }),
  };
}
