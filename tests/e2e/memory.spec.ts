import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

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

interface Bundle {
  run: { status: string };
  events: { type: string; ids?: string[]; query?: string }[];
}
interface Backup {
  data: {
    data: {
      tableName: string;
      rows: { id: string; name?: string; entities?: string[] }[];
    }[];
  };
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
  // No network here: whatever would leave the machine is refused and noted.
  const external: string[] = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });

  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const view = page.getByRole('dialog', { name: 'Memory' });
  await expect(view.getByRole('region', { name: 'Memory', exact: true })).toBeVisible();
  // The browser was asked for persistent storage, and the view says what it answered.
  await expect(view.getByLabel('Persistence')).toHaveText(
    /Storage is persistent|refused persistent storage/,
  );

  const tab = (name: string) => view.getByRole('tab', { name }).click();
  // Notes imported before a model is set up: with no folder configured the view asks the hub
  // (refused here), searches by words meanwhile, and the notes wait in the backlog.
  await tab('Memories');
  const memoryForm = view.getByRole('form', { name: 'New memory' });
  await memoryForm.getByLabel('Import markdown').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      `# Notes\n\n${Array.from({ length: 40 }, (_, i) => `- Meeting note ${i} for the archive`).join('\n')}\n`,
    ),
  });
  await expect(view.getByLabel('Backlog')).toHaveText('40');
  await expect(view.getByRole('status', { name: 'Model status' })).toContainText(
    'Model unavailable, searching by words only',
  );
  expect(external.length).toBeGreaterThan(0);
  expect(external.filter((url) => !url.startsWith('https://huggingface.co/'))).toEqual([]);
  const beforeFolder = external.length;

  // Model: from the configured folder, loaded in the embedding worker with progress; the model
  // file is held back until the progress bar shows, so the test sees it.
  let showProgress = () => {};
  const shownProgress = new Promise<void>((resolve) => (showProgress = resolve));
  await context.route(`**/test-models/${TWIN}/onnx/*`, async (route) => {
    await shownProgress;
    await route.fallback();
  });
  await tab('Model & storage');
  const model = view.getByRole('form', { name: 'Model settings' });
  await model.getByLabel('Model id').fill(TWIN);
  await model.getByLabel('Local model folder URL').fill(new URL('/test-models/', page.url()).href);
  await model.getByRole('button', { name: 'Save and load model' }).click();
  await expect(view.getByRole('status', { name: 'Model status' })).toHaveText('Loading the model…');
  await expect(view.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
  showProgress();
  await expect(view.getByRole('status', { name: 'Model status' })).toContainText(
    `Model ready: ${TWIN}`,
    { timeout: 60_000 },
  );
  expect(served).toContain(`${TWIN}/onnx/model_quantized.onnx`);
  // The backlog is embedded in the worker, in batches, once the model is there.
  await expect(view.getByLabel('Backlog')).toHaveText('0', { timeout: 60_000 });
  await expect(view.getByLabel('Memory totals')).toContainText(
    '40 memories, 40 embedded, 0 entities',
  );

  // The context graph.
  await tab('Context graph');
  await addEntity(page, 'client', 'Acme', 'site = acme.test');
  await addEntity(page, 'project', 'Website');
  const entityList = page.getByRole('list', { name: 'Entity list' });
  await entityList.getByRole('button', { name: 'client Acme', exact: true }).click();
  const link = view.getByRole('region', { name: 'Entity Acme' }).getByRole('form', {
    name: 'Link entities',
  });
  await link.getByLabel('Relation type').fill('has-project');
  await link.getByLabel('Link to').selectOption({ label: 'Website' });
  await link.getByRole('button', { name: 'Link' }).click();
  const graph = page.getByRole('list', { name: 'Relations of Acme' });
  await expect(graph).toContainText('Acme —has-project→ Website');

  // Memories, embedded as they are added.
  await tab('Memories');
  await addMemory(page, 'Acme prefers navy and teal in every design.', 'Acme', 'brand');
  await addMemory(page, 'Acme pays invoices after 60 days.', 'Acme', 'billing');
  await addMemory(page, 'Website launch is planned for May.', 'Website', 'launch');
  // Import a markdown file: one memory per list item, under its heading.
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
    '45 memories, 45 embedded, 2 entities',
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
    '45 memories, 45 embedded, 2 entities',
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

  // A flow's recall node, run from the run panel as a user would, in the engine worker.
  await view.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Import a flow file').setInputFiles({
    name: 'recall.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(recallFlow())),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Recall a client');
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  const runForm = page.getByRole('form', { name: 'Run input' });
  await runForm.getByRole('textbox', { name: /client/ }).fill('Acme');
  await runForm.getByRole('button', { name: /Run/ }).click();
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 30_000,
  });
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('memory.recalled');
  const runDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download run' }).click();
  const runFile = testInfo.outputPath('recall-run.json');
  await (await runDownload).saveAs(runFile);
  const bundle = JSON.parse(fs.readFileSync(runFile, 'utf8')) as Bundle;
  expect(bundle.run.status).toBe('succeeded');
  const recalled = bundle.events.filter((e) => e.type === 'memory.recalled');
  expect(recalled).toHaveLength(1);
  expect(recalled[0]?.query).toBe('Acme brand colours');
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();

  // Back up, wipe, and find everything back after restoring.
  await tab('Model & storage');
  const lastBackup = page.getByLabel('Last backup');
  await expect(lastBackup).toContainText('Never backed up from this browser');
  await expect(lastBackup).toHaveAttribute('data-due', 'true');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up' }).click();
  const backup = testInfo.outputPath('memory-backup.json');
  await (await download).saveAs(backup);
  await expect(lastBackup).toContainText('Last backed up today');
  await expect(lastBackup).not.toHaveAttribute('data-due');
  if (process.env['AIOS_SHOTS'])
    await page.screenshot({ path: `${process.env['AIOS_SHOTS']}/memory-backed-up.png` });
  expect(fs.readFileSync(backup, 'utf8')).toContain('Acme prefers navy');
  // The run recalled exactly the memories linked to Acme: both of them, nothing else.
  const tables = (JSON.parse(fs.readFileSync(backup, 'utf8')) as Backup).data.data;
  const rows = (table: string) => tables.find((t) => t.tableName === table)?.rows ?? [];
  const acmeId = rows('entities').find((e) => e.name === 'Acme')?.id;
  const acmeMemories = rows('memories')
    .filter((m) => acmeId !== undefined && m.entities?.includes(acmeId))
    .map((m) => m.id);
  expect(acmeMemories).toHaveLength(2);
  expect([...(recalled[0]?.ids ?? [])].sort()).toEqual(acmeMemories.sort());

  await page.getByRole('button', { name: 'Wipe' }).click();
  await page.getByRole('button', { name: 'Yes, wipe everything' }).click();
  await expect(page.getByLabel('Memory totals')).toContainText(
    '0 memories, 0 embedded, 0 entities',
  );
  await tab('Context graph');
  await expect(view.getByText('No entities yet.')).toBeVisible();
  await expect(entityList.locator('li')).toHaveCount(0);
  // The empty graph offers the backup straight away; the storage card's Restore does the same.
  await view.getByLabel('Restore a backup…').setInputFiles(backup);
  await expect(entityList.locator('li')).toHaveCount(2);
  await tab('Model & storage');

  await page.getByLabel('Restore backup').setInputFiles(backup);
  await expect(page.getByText('Restored from memory-backup.json.')).toBeVisible();
  await expect(page.getByLabel('Memory totals')).toContainText(
    '45 memories, 45 embedded, 2 entities',
  );
  await tab('Context graph');
  await entityList.getByRole('button', { name: 'client Acme', exact: true }).click();
  await expect(graph).toContainText('Acme —has-project→ Website');
  await tab('Memories');
  await search.getByLabel('Filter by tag').fill('');
  await search.getByLabel('Search text').fill('navy');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(results.locator('li').first()).toContainText('Acme prefers [navy] and teal');

  expect(errors).toEqual([]);
  // Once the folder was set, nothing came from a CDN or the hub.
  expect(external.slice(beforeFolder)).toEqual([]);
});
