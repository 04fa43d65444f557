import { expect, test } from '@playwright/test';
import { flow, link, node } from '../unit/build.ts';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { watchErrors } from './canvas-helpers.ts';

// A playbook that remembers a client's note: the memory's source is this run and node.
const notes = flow(
  'remember-note',
  [
    node('start', 'start', {
      inputs: [{ name: 'note', type: 'text', required: true, description: '' }],
    }),
    node('keep', 'remember', { text: 'Acme said: {{ input.note }}', kind: 'note' }),
    node('end', 'output'),
  ],
  [link('start', 'keep'), link('keep', 'end')],
);

test('a memory a run wrote opens that run at the step that wrote it', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await importFlowFile(page, notes);
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await runPanel
    .getByRole('form', { name: 'Run input' })
    .getByRole('textbox', { name: /note/ })
    .fill('invoices go to finance@acme.test');
  await runFromPanel(page);
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded');

  // Elsewhere meanwhile: another flow is open when the person goes looking.
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New blank flow' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Untitled playbook');

  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const view = page.getByRole('dialog', { name: 'Memory' });
  await view.getByRole('tab', { name: 'Memories' }).click();
  const row = view.getByRole('list', { name: 'Recent memories' }).locator('[data-memory]', {
    hasText: 'finance@acme.test',
  });
  await row.getByRole('button', { name: /^run .* · keep$/ }).click();

  // The dialog closes, the run's flow opens, and the run is shown at its memory step.
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('remember-note');
  await expect(runPanel.getByRole('region', { name: 'Step details' })).toContainText(
    'memory.remembered',
  );
  noErrors();
});

// A playbook that writes a memory about Acme, then recalls what it knows about Acme.
const recalls = flow(
  'recall-acme',
  [
    node('start', 'start'),
    node('keep', 'remember', {
      text: 'Acme pays invoices within 14 days',
      kind: 'decision',
      entities: ['Acme'],
    }),
    node('find', 'recall', {
      query: 'Acme invoices',
      scope: { entity: 'Acme', kinds: [], tags: [] },
    }),
    node('end', 'output'),
  ],
  [link('start', 'keep'), link('keep', 'find'), link('find', 'end')],
);

test('an entity lists the runs that wrote and recalled its memories, each opening at its step', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await importFlowFile(page, recalls);
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await runFromPanel(page);
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded');

  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const view = page.getByRole('dialog', { name: 'Memory' });
  const form = view.getByRole('form', { name: 'New entity' });
  await form.getByLabel('Entity type').selectOption('client');
  await form.getByLabel('Entity name').fill('Acme');
  await form.getByRole('button', { name: 'Add entity' }).click();
  await view
    .getByRole('list', { name: 'Entity list' })
    .getByRole('button', { name: 'client Acme', exact: true })
    .click();
  const runs = view
    .getByRole('region', { name: 'Entity Acme' })
    .getByRole('list', { name: 'Runs that wrote or recalled these memories' });
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(runs).toContainText('wrote 1 memory');
  await expect(runs).toContainText('recalled 1 memory');
  if (process.env['AIOS_SHOTS'])
    await page.screenshot({ path: `${process.env['AIOS_SHOTS']}/entity-runs.png` });
  await runs.getByRole('button', { name: /^find in run / }).click();

  await expect(view).toHaveCount(0);
  const details = runPanel.getByRole('region', { name: 'Step details' });
  await expect(details).toContainText('at find');
  await expect(details).toContainText('Acme pays invoices within 14 days');
  noErrors();
});
