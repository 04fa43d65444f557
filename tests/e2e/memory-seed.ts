import type { Page } from '@playwright/test';
import { MEMORY_DB_NAME } from '../../src/memory/db.ts';
import type { Entity, MemoryItem } from '../../src/memory/schema.ts';

/**
 * Writes rows straight into the app's memory database (which the app must have created), as an
 * older workspace or another tab would have left them.
 */
export const writeMemoryRows = (
  page: Page,
  rows: { readonly entities?: Entity[]; readonly memories?: MemoryItem[] },
) =>
  page.evaluate(
    ([name, data]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction(['entities', 'memories'], 'readwrite');
          for (const e of data.entities ?? []) tx.objectStore('entities').put(e);
          for (const m of data.memories ?? []) tx.objectStore('memories').put(m);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    [MEMORY_DB_NAME, rows] as const,
  );
