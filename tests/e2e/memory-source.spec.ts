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
