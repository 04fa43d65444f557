import { expect, test, type Page } from '@playwright/test';
import { MEMORY_DB_NAME } from '../../src/memory/db.ts';
import type { MemoryItem } from '../../src/memory/schema.ts';
import { memoryRow } from '../unit/memoryRow.ts';
import { writeMemoryRows } from './memory-seed.ts';

const COUNT = 1_500;

const memory = (i: number): MemoryItem =>
  memoryRow(`seed-${i}`, `Seeded note ${i} about ${i % 2 ? 'plums' : 'quinces'} for client w${i}`, {
    createdAt: i,
    updatedAt: i,
  });

/** How many JSON parts the saved keyword index has (0: none saved). */
const savedParts = (page: Page) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result.transaction('snapshots').objectStore('snapshots').get('keyword');
          get.onsuccess = () => {
            open.result.close();
            const parts = (get.result as { parts?: unknown } | undefined)?.parts;
            resolve(Array.isArray(parts) ? parts.length : 0);
          };
        };
      }),
    MEMORY_DB_NAME,
  );

/** Opens the Memory view's memories tab; the answer searches it. */
async function openSearch(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const view = page.getByRole('dialog', { name: 'Memory' });
  await view.getByRole('tab', { name: 'Memories' }).click();
  const form = view.getByRole('form', { name: 'Search form' });
  return async (text: string) => {
    await form.getByLabel('Search text').fill(text);
    await form.getByRole('button', { name: 'Search' }).click();
    return view.getByRole('list', { name: 'Search results' });
  };
}

test('a large memory’s search index is saved by a worker of its own, and restored on reopen', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const savers: string[] = [];
  page.on('worker', (worker) => {
    if (worker.url().includes('indexSave')) savers.push(worker.url());
  });
  await page.goto('/');
  // The view creates the database on first open; then it is filled from outside.
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  await expect(page.getByRole('dialog', { name: 'Memory' })).toContainText('No entities yet.');
  await writeMemoryRows(page, { memories: Array.from({ length: COUNT }, (_, i) => memory(i)) });
  await page.reload();

  // Every memory is indexed on this first open; the index is then saved off the page's thread.
  const search = await openSearch(page);
  await expect(await search('w1499')).toContainText('Seeded note 1499 about plums');
  await expect.poll(() => savedParts(page), { timeout: 30_000 }).toBeGreaterThan(1);
  expect(savers).toHaveLength(1);

  // Reopened, the saved index is restored: nothing large is indexed, so nothing is saved again.
  await page.reload();
  const again = await openSearch(page);
  await expect(await again('w7')).toContainText('Seeded note 7 about plums');
  await expect(await again('quinces w1498')).toContainText('Seeded note 1498');
  expect(savers).toHaveLength(1);
  expect(errors).toEqual([]);
});
