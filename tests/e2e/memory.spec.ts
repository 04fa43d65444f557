import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The Memory view on its test page (tests/e2e/memory-harness.html) until the app mounts it.
const PAGE = '/tests/e2e/memory-harness.html';
const MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
// The random-weight twin: proves loading, the worker, progress and indexing; never similarity.
const TWIN = '_testing/minilm-l6-shape-random';

/** start → recall (scoped to the client) → output, as a flow document. */
function recallFlow() {
  const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({
    id,
    type,
    position: { x, y: 0 },
    data: { version: 1, label: id, ...data },
  });
  const edge = (source: string, target: string) => ({
    id: `${source}.out->${target}.in`,
    source,
    sourceHandle: 'out',
    target,
    targetHandle: 'in',
  });
  return {
    schemaVersion: 1,
    id: 'memory-e2e',
    name: 'Recall a client',
    description: '',
    viewport: { x: 0, y: 0, zoom: 1 },
    capabilities: [],
    policies: { rules: [], budgets: {} },
    metadata: {
      created: '2026-11-24T09:00:00Z',
      updated: '2026-11-24T09:00:00Z',
      author: 'e2e',
      tags: [],
    },
    nodes: [
      node('start', 'start', 0, {
        inputs: [{ name: 'client', type: 'text', required: true, description: '' }],
      }),
      node('recall', 'recall', 200, {
        query: '{{ input.client }} brand colours',
        topK: 5,
        threshold: 0,
        scope: { entity: '{{ input.client }}', kinds: [], tags: [] },
      }),
      node('end', 'output', 400, { value: '$nodes.recall.items.text', status: 'succeeded' }),
    ],
    edges: [edge('start', 'recall'), edge('recall', 'end')],
  };
}

interface HarnessRun {
  status: string;
  events: { type: string; ids?: string[]; query?: string }[];
}

async function addEntity(page: Page, type: string, name: string, properties = '') {
  const form = page.getByRole('form', { name: 'New entity' });
  await form.getByLabel('Entity type').selectOption(type);
  await form.getByLabel('Entity name').fill(name);
  await form.getByLabel('Entity properties').fill(properties);
  await form.getByRole('button', { name: 'Add entity' }).click();
  await expect(
    page.getByRole('list', { name: 'Entity list' }).locator(`[data-entity="${name}"]`),
  ).toBeVisible();
}

async function addMemory(page: Page, text: string, entity: string, tags: string) {
  const form = page.getByRole('form', { name: 'New memory' });
  await form.getByLabel('Memory text').fill(text);
  await form.getByLabel('Memory entity').selectOption({ label: entity });
  await form.getByLabel('Memory tags').fill(tags);
  await form.getByRole('button', { name: 'Add memory' }).click();
  await expect(page.getByRole('list', { name: 'Recent memories' })).toContainText(text);
}

test('memory: model in a worker, entities, memories, search, a flow recalls them, backup, wipe, restore', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // The model folder, served as if it were a local folder the user configured.
  const served: string[] = [];
  await context.route('**/test-models/**', async (route) => {
    const rel = decodeURIComponent(
      new URL(route.request().url()).pathname.replace(/^\/test-models\//, ''),
    );
    const file = path.join(MODELS, rel);
    if (!file.startsWith(MODELS) || !fs.existsSync(file))
      return route.fulfill({ status: 404, body: 'not found' });
    served.push(rel);
    return route.fulfill({ path: file });
  });
  // Nothing may come from a CDN or the hub.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    errors.push(`external request ${route.request().url()}`);
    return route.abort();
  });

  await page.goto(PAGE);
  const view = page.getByRole('region', { name: 'Memory', exact: true });
  await expect(view).toBeVisible();
  // The browser was asked for persistent storage, and the view says what it answered.
  await expect(page.getByLabel('Persistence')).toHaveText(
    /storage is persistent|refused persistent storage/,
  );

  // Model: from the configured folder, loaded in the embedding worker with progress.
  const model = page.getByRole('form', { name: 'Model settings' });
  await model.getByLabel('Model id').fill(TWIN);
  await model.getByLabel('Local model folder URL').fill(new URL('/test-models/', page.url()).href);
  await model.getByRole('button', { name: 'Save and load model' }).click();
  await expect(page.getByRole('status', { name: 'Model status' })).toContainText(
    `Model ready: ${TWIN}`,
    { timeout: 60_000 },
  );
  expect(served).toContain(`${TWIN}/onnx/model_quantized.onnx`);

  // The embedding worker batches (32 per call) and reports download progress.
  const embedded = await page.evaluate(
    ([modelId, folder]) =>
      (
        window as unknown as {
          aiosMemoryHarness: {
            embedThroughput(
              m: string,
              f: string,
              s: string[],
            ): Promise<{ count: number; dims: number; progressEvents: number }>;
          };
        }
      ).aiosMemoryHarness.embedThroughput(
        modelId,
        folder,
        Array.from({ length: 70 }, (_, i) => `Sentence ${i} for the batch test.`),
      ),
    [TWIN, new URL('/test-models/', page.url()).href] as const,
  );
  expect(embedded).toMatchObject({ count: 70, dims: 384 });
  expect(embedded.progressEvents).toBeGreaterThan(0);

  // The context graph.
  await addEntity(page, 'client', 'Acme', 'site = acme.test');
  await addEntity(page, 'project', 'Website');
  const link = page.getByRole('form', { name: 'Link entities' });
  await link.getByLabel('Link from').selectOption({ label: 'Acme' });
  await link.getByLabel('Relation type').fill('has-project');
  await link.getByLabel('Link to').selectOption({ label: 'Website' });
  await link.getByRole('button', { name: 'Link' }).click();
  const graph = page.getByRole('figure', { name: 'Neighbourhood of Acme' });
  await expect(graph).toContainText('Acme —has-project→ Website');

  // Memories, embedded as they are added.
  await addMemory(page, 'Acme prefers navy and teal in every design.', 'Acme', 'brand');
  await addMemory(page, 'Acme pays invoices after 60 days.', 'Acme', 'billing');
  await addMemory(page, 'Website launch is planned for May.', 'Website', 'launch');
  // Import a markdown file: one memory per list item, under its heading.
  const memoryForm = page.getByRole('form', { name: 'New memory' });
  await memoryForm.getByLabel('Memory entity').selectOption({ label: 'no entity' });
  await memoryForm.getByLabel('Memory tags').fill('imported');
  await memoryForm.getByLabel('Import markdown').setInputFiles({
    name: 'style.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Style\n\n- Hates Comic Sans\n- Wants short sentences\n'),
  });
  await expect(page.getByRole('list', { name: 'Recent memories' })).toContainText(
    'Style: Hates Comic Sans',
  );
  await expect(page.getByLabel('Backlog')).toHaveText('0');
  await expect(page.getByLabel('Memory totals')).toContainText(
    '5 memories, 5 embedded, 2 entities',
  );

  // A full disk: a clear message, the typed text stays, nothing stored is lost.
  await page.evaluate(() => {
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    const w = window as unknown as Record<string, unknown>;
    w['realPut'] = proto['put'];
    proto['put'] = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await memoryForm.getByLabel('Memory text').fill('This one does not fit.');
  await memoryForm.getByRole('button', { name: 'Add memory' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'the browser has no storage left for this site: free disk space or delete old memories; nothing was changed',
  );
  await expect(memoryForm.getByLabel('Memory text')).toHaveValue('This one does not fit.');
  await page.evaluate(() => {
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    proto['put'] = (window as unknown as Record<string, unknown>)['realPut'];
  });
  await memoryForm.getByLabel('Memory text').fill('');
  await expect(page.getByLabel('Memory totals')).toContainText(
    '5 memories, 5 embedded, 2 entities',
  );

  // Search: results with scores, why they matched and the matching passage.
  const search = page.getByRole('form', { name: 'Search form' });
  await search.getByLabel('Search text').fill('navy');
  await search.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.locator('li').first()).toContainText('Acme prefers [navy] and teal');
  await expect(results.locator('li').first()).toContainText(/words: navy · meaning: \d\.\d\d/);
  await search.getByLabel('Filter by tag').fill('billing');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.locator('li')).toHaveCount(1);
  await expect(results).toContainText('invoices');

  // A flow's recall node, in the engine worker, finds the memories linked to the client.
  const run = await page.evaluate(
    (doc) =>
      (
        window as unknown as {
          aiosMemoryHarness: { runFlow(d: unknown, i: unknown): Promise<HarnessRun> };
        }
      ).aiosMemoryHarness.runFlow(doc, { client: 'Acme' }),
    recallFlow(),
  );
  expect(run.status).toBe('succeeded');
  const recalled = run.events.find((e) => e.type === 'memory.recalled');
  expect(recalled?.query).toBe('Acme brand colours');
  expect(recalled?.ids).toHaveLength(2); // the two Acme memories, not the Website one

  // Back up, wipe, and find everything back after restoring.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up' }).click();
  const backup = testInfo.outputPath('memory-backup.json');
  await (await download).saveAs(backup);
  expect(fs.readFileSync(backup, 'utf8')).toContain('Acme prefers navy');

  await page.getByRole('button', { name: 'Wipe' }).click();
  await page.getByRole('button', { name: 'Yes, wipe everything' }).click();
  await expect(page.getByRole('list', { name: 'Entity list' }).locator('li')).toHaveCount(0);
  await expect(page.getByLabel('Memory totals')).toContainText(
    '0 memories, 0 embedded, 0 entities',
  );

  await page.getByLabel('Restore backup').setInputFiles(backup);
  await expect(page.getByText('Restored from memory-backup.json.')).toBeVisible();
  await expect(page.getByLabel('Memory totals')).toContainText(
    '5 memories, 5 embedded, 2 entities',
  );
  await page
    .getByRole('list', { name: 'Entity list' })
    .getByRole('button', { name: 'client Acme', exact: true })
    .click();
  await expect(graph).toContainText('Acme —has-project→ Website');
  await search.getByLabel('Filter by tag').fill('');
  await search.getByLabel('Search text').fill('navy');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.locator('li').first()).toContainText('Acme prefers [navy] and teal');

  expect(errors).toEqual([]);
});
