/// <reference lib="webworker" />
import { MEMORY_DB_NAME } from './db.ts';
import { IndexedMemory } from './store.ts';

/** What the page asks (`name`: the memory database) and what it is told back. */
export interface IndexSaveRequest {
  readonly name: string;
}
export type IndexSaveAnswer =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Saves the memory's keyword index off the page's thread: opens the same database, brings its
 * own index up to date (from the last saved copy, so usually only what changed since), and
 * saves it. Serialising the index of 100,000 memories takes most of a second.
 */
self.onmessage = async (message: MessageEvent<IndexSaveRequest>) => {
  const memory = new IndexedMemory({ name: message.data.name || MEMORY_DB_NAME, indexSaver: null });
  let answer: IndexSaveAnswer;
  try {
    await memory.saveIndex();
    answer = { ok: true };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    memory.close();
  }
  self.postMessage(answer);
};
