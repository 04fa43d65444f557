import { expect, test } from '@playwright/test';
import { canvasNode, dragKind, saved, watchErrors } from './canvas-helpers.ts';

test.use({ serviceWorkers: 'allow' });

test('after one visit the app opens with no network, with its work', async ({ page, context }) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifest).toBeTruthy();
  const app = (await (await page.request.get(manifest ?? '')).json()) as { name: string };
  expect(app.name).toBe('AIOS Workspace');

  await dragKind(page, 'start', { x: 160, y: 160 });
  await expect(canvasNode(page, 'start-1')).toBeVisible();
  await saved(page);
  // The shell is precached once the service worker is active and controls the page.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'))
    .toBe('activated');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('AIOS Workspace');
  await expect(canvasNode(page, 'start-1')).toBeVisible();
  // The engine worker starts offline too: the run panel is ready for a run.
  await expect(page.getByRole('region', { name: 'Run panel' })).toBeVisible();
  await context.setOffline(false);
  noErrors();
});
