import { expect, test } from '@playwright/test';
import type { Entity, MemoryItem } from '../../src/memory/schema.ts';
import { memoryRow } from '../unit/memoryRow.ts';
import { writeMemoryRows } from './memory-seed.ts';
import { shootThemes } from './theme-shots.ts';

const DAY_MS = 86_400_000;
const acme: Entity = {
  id: 'ent-acme',
  type: 'client',
  name: 'Acme',
  properties: {},
  createdAt: 0,
  updatedAt: 0,
};

/** A memory made `daysAgo` days ago, never recalled. */
const old = (i: number, text: string, daysAgo: number, entities: string[] = []): MemoryItem =>
  memoryRow(`old-${i}`, text, {
    entities,
    createdAt: Date.now() - daysAgo * DAY_MS,
    updatedAt: Date.now() - daysAgo * DAY_MS,
  });

test('compaction previews what it would archive, then shows each summary, its author and its originals', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const memoryButton = page.getByRole('banner').getByRole('button', { name: 'Memory' });
  await memoryButton.click();
  await expect(page.getByRole('dialog', { name: 'Memory' })).toContainText('No entities yet.');
  await writeMemoryRows(page, {
    entities: [acme],
    memories: [
      old(1, 'Acme pays invoices on net 60', 200, [acme.id]),
      old(2, 'Acme wants the logo in navy', 180, [acme.id]),
      old(3, 'Acme’s office moved to Lyon', 150, [acme.id]),
      // Too recent to compact, and a topic of one: both stay as they are.
      old(4, 'Acme’s new contact is Ana', 5, [acme.id]),
      old(5, 'The printer jams on A3', 300),
    ],
  });
  await page.reload();
  await memoryButton.click();
  const view = page.getByRole('dialog', { name: 'Memory' });
  await view.getByRole('tab', { name: 'Model & storage' }).click();
  const panel = view.getByRole('region', { name: 'Compaction' });
  await expect(panel).toContainText('older than 90 days');
  await expect(panel).toContainText('None yet.');

  await panel.getByRole('button', { name: 'Preview' }).click();
  const preview = panel.getByRole('list', { name: 'Compaction preview' });
  await expect(preview.getByRole('listitem')).toHaveCount(1);
  await expect(preview).toContainText('Acme · fact: 3 memories');

  await panel.getByRole('button', { name: 'Compact now' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    'Archived 3 memories behind 1 summary, extractive: no summary agent is set in the memory settings.',
  );
  await expect(preview).toHaveCount(0);
  const summaries = panel.getByRole('list', { name: 'Compaction summaries' });
  await expect(summaries.getByRole('listitem')).toHaveCount(1);
  await expect(summaries).toContainText('Summary of 3 fact memories');
  await expect(summaries).toContainText(
    'Acme pays invoices on net 60. Acme wants the logo in navy. Acme’s office moved to Lyon.',
  );
  await expect(summaries).toContainText('summary by extractive');
  await expect(view.getByLabel('Memory totals')).toContainText('6 memories, 0 embedded, 1 entity');
  await summaries.getByRole('button', { name: 'Show the 3 archived originals' }).click();
  const originals = summaries.getByRole('list', { name: 'Archived memories' });
  await expect(originals.getByRole('listitem')).toHaveText([
    'Acme pays invoices on net 60',
    'Acme wants the logo in navy',
    'Acme’s office moved to Lyon',
  ]);
  await shootThemes(page, 'memory-compaction');

  // Nothing is left to compact: the recent memory and the lone one stay.
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Nothing old enough to compact.');

  // Deleting the summary brings its originals back: they can be compacted again.
  await summaries.getByRole('button', { name: /^Delete memory Summary of 3/ }).click();
  await expect(panel).toContainText('None yet.');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(preview).toContainText('Acme · fact: 3 memories');
  expect(errors).toEqual([]);
});
