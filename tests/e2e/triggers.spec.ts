import { expect, test } from '@playwright/test';
import { canvasNode, dragKind, exportText, saved, watchErrors } from './canvas-helpers.ts';
import { shootThemes } from './theme-shots.ts';

test('a playbook gets a schedule and a webhook trigger in the inspector', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await dragKind(page, 'start', { x: 160, y: 200 });
  const start = canvasNode(page, 'start-1');
  await start.locator('.node-card-head').click();

  // A schedule: the tag is chosen first, then its own fields appear with the schema's defaults.
  await inspector.getByRole('button', { name: 'Add trigger' }).click();
  const first = inspector.getByRole('group', { name: 'Trigger 1' });
  await expect(first.getByLabel('Type')).toHaveValue('manual');
  await first.getByLabel('Type').selectOption('schedule');
  await expect(first.getByLabel('Timezone')).toHaveValue('UTC');
  await first.getByLabel('Cron').fill('every monday');
  await expect(first.getByText(/five fields such as "0 9 \* \* 1"/)).toBeVisible();
  await first.getByLabel('Cron').fill('0 9 * * 1');
  await first.getByLabel('Timezone').fill('Mars/Base');
  await expect(first.getByText(/IANA time zone/)).toBeVisible();
  await first.getByLabel('Timezone').fill('Europe/Berlin');
  await expect(start).toContainText('runs on "0 9 * * 1" (Europe/Berlin)');

  // A webhook needs the name of its secret, never the secret itself.
  await inspector.getByRole('button', { name: 'Add trigger' }).click();
  const second = inspector.getByRole('group', { name: 'Trigger 2' });
  await second.getByLabel('Type').selectOption('webhook');
  await expect(second.getByLabel('Auth')).toHaveValue('hmac-sha256');
  await expect(second.getByText(/UPPER_SNAKE_CASE/)).toBeVisible();
  await second.getByLabel('Secret').fill('ORDERS_WEBHOOK');
  await expect(start).toContainText('by webhook');
  await shootThemes(page, 'triggers-inspector');

  // Undo takes the last edit back; the document holds exactly what the form shows.
  await page.keyboard.press('Control+z');
  await expect(second.getByLabel('Secret')).toHaveValue('');
  await page.keyboard.press('Control+Shift+z');
  await saved(page);
  const { text } = await exportText(page);
  const flow = JSON.parse(text) as { nodes: { type: string; data: { triggers?: unknown } }[] };
  expect(flow.nodes.find((n) => n.type === 'start')?.data.triggers).toEqual([
    { type: 'schedule', cron: '0 9 * * 1', timezone: 'Europe/Berlin', missed: 'skip' },
    {
      type: 'webhook',
      secret: 'ORDERS_WEBHOOK',
      auth: 'hmac-sha256',
      signatureHeader: 'X-Signature-256',
      deliveryHeader: 'Idempotency-Key',
    },
  ]);
  noErrors();
});
