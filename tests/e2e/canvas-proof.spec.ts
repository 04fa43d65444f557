import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';
import {
  canvasNode,
  clickEdge,
  connect,
  dragKind,
  edge,
  exportText,
  saved,
  watchErrors,
} from './canvas-helpers.ts';
import { shoot } from './debugger-helpers.ts';

/**
 * The proof: a new user builds the freelance-writer playbook of `examples/` from an empty
 * workspace with the palette, the mouse and the inspector, and gets the template's flow.
 */

const example = validateFlow(
  JSON.parse(await readFile('examples/freelance-writer.json', 'utf8')),
  catalog,
);
if (!example.ok) throw new Error('the example does not validate');
const template: Flow = example.flow;

/** Where each of the template's nodes is dropped (canvas pixels) and the id the editor gives it. */
const layout = [
  ['brief', 'start', 40, 30],
  ['clientStyle', 'recall', 360, 30],
  ['revise', 'loop', 680, 30],
  ['draft', 'agent', 1000, 30],
  ['review', 'approval', 40, 250],
  ['deliver', 'capability', 360, 250],
  ['rememberDelivery', 'remember', 680, 250],
  ['delivered', 'output', 1000, 250],
  ['rememberFeedback', 'remember', 40, 470],
  ['keptAsDraft', 'output', 360, 470],
  ['tooManyRounds', 'output', 680, 470],
] as const;
type TemplateId = (typeof layout)[number][0];

const idOf = new Map<string, string>();
const counts = new Map<string, number>();
for (const [name, kind] of layout) {
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  idOf.set(name, `${kind}-${n}`);
}
const built = (name: TemplateId) => idOf.get(name) ?? name;
const dataOf = (name: TemplateId) => template.nodes.find((n) => n.id === name)?.data ?? {};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field by its label, whatever hints follow it ("optional", "Liquid template"). */
const field = (scope: Locator, label: string) =>
  scope
    .getByLabel(new RegExp(`^${escape(label)}( (optional|Liquid template|JSONata expression))*$`))
    .first();

/** Sets a field as a person would: picks an option, ticks a box, or types the text. */
async function set(scope: Locator, label: string, value: unknown) {
  const input = field(scope, label);
  const kind = await input.evaluate((e) =>
    e instanceof HTMLSelectElement ? 'select' : e instanceof HTMLInputElement ? e.type : 'text',
  );
  if (kind === 'select') await input.selectOption(value as string);
  else if (kind === 'checkbox') await input.setChecked(value === true);
  else await input.fill(typeof value === 'string' ? value : JSON.stringify(value));
}

const group = (scope: Locator, name: string) => scope.getByRole('group', { name, exact: true });

/** Fills a list of typed fields (start inputs, agent outputs), adding items as needed. */
async function setFields(scope: Locator, list: string, item: string, fields: unknown) {
  for (const [i, f] of (fields as readonly Record<string, unknown>[]).entries()) {
    let entry = group(scope, `${item} ${i + 1}`);
    if ((await entry.count()) === 0) {
      await group(scope, list)
        .getByRole('button', { name: `Add ${item.toLowerCase()}` })
        .click();
      entry = group(scope, `${item} ${i + 1}`);
    }
    for (const key of ['Name', 'Type', 'Required', 'Description'])
      await set(entry, key, f[key.toLowerCase()]);
  }
}

/** Adds one bare item per value to a list of texts (tags, kinds, entities). */
async function setList(scope: Locator, list: string, item: string, values: unknown) {
  for (const [i, value] of (values as readonly string[]).entries()) {
    await group(scope, list)
      .getByRole('button', { name: `Add ${item.toLowerCase()}` })
      .click();
    await set(group(scope, list), `${item} ${i + 1}`, value);
  }
}

/** Configures one node in the inspector the way the template has it. */
async function configure(inspector: Locator, name: TemplateId) {
  const d = dataOf(name);
  await set(inspector, 'Label', d['label']);
  switch (name) {
    case 'brief':
      return setFields(inspector, 'Inputs', 'Input', d['inputs']);
    case 'clientStyle': {
      await set(inspector, 'Query', d['query']);
      await set(inspector, 'Top k', d['topK']);
      await set(inspector, 'Threshold', d['threshold']);
      const scope = group(inspector, 'Scope');
      const { entity, kinds } = d['scope'] as { entity: string; kinds: string[] };
      await set(scope, 'Entity', entity);
      return setList(scope, 'Kinds', 'Kind', kinds);
    }
    case 'revise':
      await set(inspector, 'Mode', d['mode']);
      return set(inspector, 'Max iterations', d['maxIterations']);
    case 'draft': {
      await set(inspector, 'Role', d['role']);
      await set(inspector, 'Prompt', d['prompt']);
      const model = group(inspector, 'Model');
      const { temperature, maxTokens } = d['model'] as { temperature: number; maxTokens: number };
      await set(model, 'Temperature', temperature);
      await set(model, 'Max tokens', maxTokens);
      return setFields(inspector, 'Output', 'Output', d['output']);
    }
    case 'review':
      await set(inspector, 'Title', d['title']);
      await set(inspector, 'Preview', d['preview']);
      await set(inspector, 'Expires after', d['expiresAfter']);
      return set(inspector, 'On timeout', d['onTimeout']);
    case 'deliver': {
      await set(inspector, 'Capability', d['capability']);
      const input = group(inspector, 'Input');
      for (const [i, [key, value]] of Object.entries(d['input'] as object).entries()) {
        await input.getByRole('button', { name: 'Add entry' }).click();
        await input.getByLabel(`Input: name of entry ${i + 1}`).fill(key);
        await set(input, key.charAt(0).toUpperCase() + key.slice(1), value as string);
      }
      await inspector.getByRole('button', { name: 'Add retry' }).click();
      const retry = group(inspector, 'Retry');
      const { attempts, backoff, maxBackoff } = d['retry'] as Record<string, string>;
      await set(retry, 'Attempts', attempts);
      await set(retry, 'Backoff', backoff);
      return set(retry, 'Max backoff', maxBackoff);
    }
    case 'rememberDelivery':
    case 'rememberFeedback':
      await set(inspector, 'Text', d['text']);
      await set(inspector, 'Kind', d['kind']);
      await setList(inspector, 'Entities', 'Entity', d['entities']);
      return setList(inspector, 'Tags', 'Tag', d['tags']);
    case 'delivered':
    case 'keptAsDraft':
    case 'tooManyRounds':
      await set(inspector, 'Value', d['value']);
      return set(inspector, 'Status', d['status']);
  }
}

/** The playbook-wide settings: description, policy, budgets, author and tags. */
async function configurePlaybook(page: Page, inspector: Locator) {
  await page.getByRole('banner').getByRole('textbox', { name: 'Flow name' }).fill(template.name);
  // A click on empty canvas clears the selection: the inspector then shows the playbook.
  await page.locator('.react-flow__pane').click({ position: { x: 1320, y: 20 } });
  await expect(inspector.getByRole('heading', { name: 'Playbook' })).toBeVisible();
  await set(inspector, 'Description', template.description);
  const [rule] = template.policies.rules;
  if (!rule) throw new Error('the template has a policy rule');
  await group(inspector, 'Rules').getByRole('button', { name: 'Add rule' }).click();
  const first = group(inspector, 'Rule 1');
  await set(first, 'Id', rule.id);
  await set(first, 'Capability', rule.capability ?? '');
  await set(first, 'Decision', rule.decision);
  await set(first, 'Reason', rule.reason);
  const budgets = group(inspector, 'Budgets');
  await set(budgets, 'Tokens', template.policies.budgets.tokens ?? 0);
  await set(budgets, 'External messages', template.policies.budgets.externalMessages ?? 0);
  const metadata = group(inspector, 'Metadata');
  await set(metadata, 'Author', template.metadata.author ?? '');
  await setList(metadata, 'Tags', 'Tag', template.metadata.tags);
}

/** What must match the template: every node's kind and settings, the wiring and edge labels. */
function essence(flow: Flow, rename: (id: string) => string = (id) => id) {
  return {
    name: flow.name,
    description: flow.description,
    policies: flow.policies,
    author: flow.metadata.author,
    tags: flow.metadata.tags,
    nodes: Object.fromEntries(
      flow.nodes.map((n) => [rename(n.id), { type: n.type, data: n.data }] as const),
    ),
    edges: flow.edges
      .map(
        (e) =>
          `${rename(e.source)}.${e.sourceHandle}->${rename(e.target)}.${e.targetHandle}:${e.label ?? ''}`,
      )
      .sort(),
  };
}

const parsed = (text: string): Flow => {
  const result = validateFlow(JSON.parse(text), catalog);
  if (!result.ok) throw new Error(`the exported flow does not validate: ${text.slice(0, 200)}`);
  return result.flow;
};

test('a new user builds the freelance-writer playbook with the mouse and the inspector', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1900, height: 1100 });
  const noErrors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByText('This playbook is empty')).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  // Drag every node from the palette; a dropped node is selected, so configure it at once.
  for (const [name, kind, x, y] of layout) {
    await dragKind(page, kind, { x, y });
    await expect(inspector).toContainText(`id: ${built(name)}`);
    await configure(inspector, name);
  }
  // Every card is where it was dropped: the view did not jump when the first one arrived.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  for (const [name, , x, y] of layout) {
    const card = await canvasNode(page, built(name)).boundingBox();
    expect(Math.abs((card?.x ?? 0) - (pane?.x ?? 0) - x)).toBeLessThan(20);
    expect(Math.abs((card?.y ?? 0) - (pane?.y ?? 0) - y)).toBeLessThan(20);
  }
  await shoot(page, 'proof-nodes');

  // Wire them with the mouse, output handle to input handle, and label the branches.
  for (const e of template.edges) {
    const source = built(e.source as TemplateId);
    const target = built(e.target as TemplateId);
    await connect(page, [source, e.sourceHandle ?? 'out'], [target, e.targetHandle ?? 'in']);
    const id = `${source}.${e.sourceHandle}->${target}.${e.targetHandle}`;
    await expect(edge(page, id)).toHaveCount(1);
    if (e.label) {
      await clickEdge(page, id);
      await inspector.getByLabel('Label', { exact: false }).fill(e.label);
    }
  }
  await configurePlaybook(page, inspector);
  await saved(page);
  await shoot(page, 'proof-built');

  const fromBuilt = new Map([...idOf].map(([name, id]) => [id, name]));
  const back = (id: string) => fromBuilt.get(id) ?? id;
  const first = await exportText(page);
  expect(first.name).toBe('client-article-brief-to-delivered-draft.json');
  expect(essence(parsed(first.text), back)).toEqual(essence(template));

  // Undo takes back the last changes (the second tag's text, then the tag), redo puts them back.
  const metadata = group(inspector, 'Metadata');
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await undo.click();
  await expect(field(metadata, 'Tag 2')).toHaveValue('');
  await undo.click();
  await expect(field(metadata, 'Tag 2')).toHaveCount(0);
  await redo.click();
  await redo.click();
  await expect(field(metadata, 'Tag 2')).toHaveValue('client-work');
  await saved(page);

  // A reload finds it exactly as it was.
  await page.reload();
  await expect(canvasNode(page, built('review'))).toContainText('Review the draft');
  await saved(page);
  const reloaded = await exportText(page);
  expect(parsed(reloaded.text)).toEqual(parsed(first.text));

  // A fresh browser imports the file and gets an identical flow.
  const other = await browser.newContext({ viewport: { width: 1900, height: 1100 } });
  const fresh = await other.newPage();
  await fresh.goto('/');
  await fresh.getByLabel('Import a flow file').setInputFiles({
    name: first.name,
    mimeType: 'application/json',
    buffer: Buffer.from(first.text),
  });
  await expect(fresh.getByRole('textbox', { name: 'Flow name' })).toHaveValue(template.name);
  await saved(fresh);
  expect(JSON.parse((await exportText(fresh)).text)).toEqual(JSON.parse(first.text));

  // A malformed file is refused with a report that points at the node; nothing changes.
  const broken = JSON.parse(first.text) as { nodes: { id: string }[] };
  const target = broken.nodes[3];
  if (target) target.id = 'draft the article';
  await fresh.getByLabel('Import a flow file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const report = fresh.getByRole('dialog', { name: 'Import failed: nothing was changed' });
  await expect(report).toContainText('nodes[3].id');
  await report.getByRole('button', { name: 'Close' }).click();
  expect(JSON.parse((await exportText(fresh)).text)).toEqual(JSON.parse(first.text));

  // A share link opens the same flow read-only in yet another browser.
  await fresh.getByRole('button', { name: 'Share' }).click();
  const link = await fresh.getByRole('textbox', { name: 'Share link' }).inputValue();
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(link);
  await expect(viewer.getByRole('region', { name: 'Shared flow' })).toContainText('read-only');
  await expect(canvasNode(viewer, built('deliver'))).toContainText('Email it to the client');
  await viewer.context().close();
  await other.close();

  // The built playbook in the dark theme, with a template field open in the inspector.
  await canvasNode(page, built('draft')).locator('.node-card-head').click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shoot(page, 'proof-dark');
  noErrors();
});
