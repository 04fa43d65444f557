import type { LoadProgress } from './embed.ts';
import { MEMORY_DB_NAME } from './db.ts';
import { connectEmbedder } from './embedClient.ts';
import { saveIndexInWorker } from './indexSaver.ts';
import { IndexedMemory, type IndexedMemoryOptions } from './store.ts';

interface BrowserMemoryOptions extends Omit<IndexedMemoryOptions, 'embedder'> {
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * Load the model only once this workspace has used one (vectors exist). The engine worker sets
   * it: a flow never triggers the first download; the Memory view does, with its progress bar.
   * Until then recall ranks by words and remembered texts wait in the backlog.
   */
  readonly onlyOnceUsed?: boolean;
  /** Save the search index in a worker of its own (a page: see `saveIndexInWorker`). */
  readonly saveIndexInWorker?: boolean;
}

/**
 * The workspace memory in the browser (a page or the engine worker): IndexedDB, with the
 * embedding model loaded in its own worker the first time memory needs it, from the folder set in
 * the memory settings or else the Hugging Face hub. Until it loads (or if it cannot), recall
 * ranks by words.
 * @example createHost({ ..., memory: browserMemory({ onlyOnceUsed: true }) })
 */
export function browserMemory(options: BrowserMemoryOptions = {}): IndexedMemory {
  const { onProgress, onlyOnceUsed, saveIndexInWorker: inWorker, ...rest } = options;
  const memory: IndexedMemory = new IndexedMemory({
    ...rest,
    ...(inWorker ? { indexSaver: saveIndexInWorker(rest.name ?? MEMORY_DB_NAME) } : {}),
    embedder: async () => {
      if (onlyOnceUsed && (await memory.db.vectors.count()) === 0)
        throw new Error('no embedding model set up yet: open Memory to load one');
      const settings = await memory.settings();
      return connectEmbedder(settings, onProgress);
    },
  });
  return memory;
}
