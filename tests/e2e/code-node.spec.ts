import { expect, test } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { canvasNode, watchErrors } from './canvas-helpers.ts';
import { shootThemes } from './theme-shots.ts';

const at = (x: number) => ({ x, y: 0 });
const codeFlow = {
  schemaVersion: 1,
  id: 'code-e2e',
  name: 'Code in the worker',
  nodes: [
    { id: 's', type: 'start', position: at(0), data: { version: 1, label: 'Start' } },
    {
      id: 'c',
      type: 'code',
      position: at(260),
      data: {
        version: 1,
        label: 'Count',
        source:
          'console.log("from the sandbox", typeof fetch, typeof indexedDB);\nreturn { words: "one two three".split(" ").length };',
      },
    },
    { id: 'o', type: 'output', position: at(520), data: { version: 1, label: 'Done' } },
  ],
  edges: [
    { id: 'e1', source: 's', sourceHandle: 'out', target: 'c', targetHandle: 'in' },
    { id: 'e2', source: 'c', sourceHandle: 'out', target: 'o', targetHandle: 'in' },
  ],
};

test('a Code node runs in the engine worker of the built app, and its source is a JavaScript editor', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await importFlowFile(page, codeFlow);
  await runFromPanel(page);
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 20_000,
  });
  const log = runPanel.getByRole('list', { name: 'Event log' });
  await expect(log).toContainText('code.logged');
  await expect(log).toContainText('run.succeeded');

  await canvasNode(page, 'c').locator('.node-card-head').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const source = inspector.getByLabel('Source');
  await expect(source).toHaveClass(/cm-content/);
  await expect(source.locator('.tok-keyword', { hasText: 'return' })).toBeVisible();
  await expect(source.locator('.tok-string').first()).toBeVisible();
  await shootThemes(page, 'inspector-code-node');
  noErrors();
});
