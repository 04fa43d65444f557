import type { IndexSaveAnswer, IndexSaveRequest } from './indexSave.worker.ts';

/**
 * Saves the keyword index of memory database `name` in a worker of its own, started for the
 * save and ended after it, so a page never serialises a large index on its thread.
 */
export function saveIndexInWorker(name: string): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./indexSave.worker.ts', import.meta.url), {
        type: 'module',
        name: 'memory index save',
      });
      const end = (error?: Error) => {
        worker.terminate();
        if (error) reject(error);
        else resolve();
      };
      worker.onmessage = (message: MessageEvent<IndexSaveAnswer>) =>
        end(message.data.ok ? undefined : new Error(message.data.message));
      worker.onerror = (event) => end(new Error(event.message || 'the index worker failed'));
      worker.postMessage({ name } satisfies IndexSaveRequest);
    });
}
