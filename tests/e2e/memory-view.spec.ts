import { expect, test, type Locator, type Page } from '@playwright/test';
import { shootThemes } from './theme-shots.ts';

/** Adds an entity with the graph tab's form, as a person would. */
async function addEntity(view: Locator, type: string, name: string, properties = '') {
  const form = view.getByRole('form', { name: 'New entity' });
  await form.getByLabel('Entity type').selectOption(type);
  await form.getByLabel('Entity name').fill(name);
  await form.getByLabel('Entity properties').fill(properties);
  await form.getByRole('button', { name: 'Add entity' }).click();
  await expect(
    view.getByRole('list', { name: 'Entity list' }).locator(`[data-entity="${name}"]`),
  ).toBeVisible();
}

async function openMemory(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  return page.getByRole('dialog', { name: 'Memory' });
}

const graphNode = (view: Locator, name: string) =>
  view
    .getByRole('figure', { name: 'Context graph' })
    .locator(`.entity-node[data-entity="${name}"]`);

test('the memory view: a context graph to look at, linked by dragging, with undo', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const view = await openMemory(page);
  await expect(view.getByText('No entities yet.')).toBeVisible();
  // An empty memory may be a cleared one: the way back to a backup is right there.
  await expect(view.getByText('Restore a backup…')).toBeVisible();
  await shootThemes(page, 'memory-empty');

  await addEntity(view, 'client', 'Acme', 'site = acme.test\nbilling = net 60');
  await addEntity(view, 'project', 'Website relaunch');
  await addEntity(view, 'person', 'Ana Ruiz', 'role = marketing lead');
  await addEntity(view, 'preference', 'Navy and teal');
  await addEntity(view, 'goal', 'Launch in May');

  // Link by dragging from one entity's ● onto another: the relation is the toolbar's type.
  await view.getByLabel('New links are').fill('has-project');
  const from = graphNode(view, 'Acme').locator('.react-flow__handle-right');
  const to = graphNode(view, 'Website relaunch').locator('.react-flow__handle-left');
  await expect(to).toBeVisible();
  await from.dragTo(to);
  const graph = view.getByRole('figure', { name: 'Context graph' });
  await expect(graph.locator('.react-flow__edge')).toHaveCount(1);
  await expect(graph).toContainText('has-project');

  // Undo takes the link back; redo makes it again.
  await view.getByRole('button', { name: 'Undo link Acme → Website relaunch' }).click();
  await expect(graph.locator('.react-flow__edge')).toHaveCount(0);
  await view.getByRole('button', { name: 'Redo link Acme → Website relaunch' }).click();
  await expect(graph.locator('.react-flow__edge')).toHaveCount(1);

  // The accessible way: pick an entity, link it from its detail.
  await view
    .getByRole('list', { name: 'Entity list' })
    .getByRole('button', { name: 'person Ana Ruiz' })
    .click();
  const detail = view.getByRole('region', { name: 'Entity Ana Ruiz' });
  await expect(detail).toContainText('marketing lead');
  const link = detail.getByRole('form', { name: 'Link entities' });
  await link.getByLabel('Relation type').fill('works-at');
  await link.getByLabel('Link to').selectOption({ label: 'Acme' });
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(detail.getByRole('list', { name: 'Relations of Ana Ruiz' })).toContainText(
    'Ana Ruiz —works-at→ Acme',
  );
  await view
    .getByRole('list', { name: 'Entity list' })
    .getByRole('button', { name: 'client Acme' })
    .click();
  const acme = view.getByRole('region', { name: 'Entity Acme' });
  for (const [type, name] of [
    ['prefers', 'Navy and teal'],
    ['aims-for', 'Launch in May'],
  ] as const) {
    const form = acme.getByRole('form', { name: 'Link entities' });
    await form.getByLabel('Relation type').fill(type);
    await form.getByLabel('Link to').selectOption({ label: name });
    await form.getByRole('button', { name: 'Link' }).click();
    await expect(acme.getByRole('list', { name: 'Relations of Acme' })).toContainText(type);
  }
  await expect(graph.locator('.react-flow__edge')).toHaveCount(4);

  // Memories about Acme show in its detail, with where they came from.
  await view.getByRole('tab', { name: 'Memories' }).click();
  const form = view.getByRole('form', { name: 'New memory' });
  for (const text of [
    'Acme wants short sentences and no jargon.',
    'Acme pays invoices after 60 days.',
  ]) {
    await form.getByLabel('Memory text').fill(text);
    await form.getByLabel('Memory entity').selectOption({ label: 'Acme' });
    await form.getByRole('button', { name: 'Add memory' }).click();
    await expect(view.getByRole('list', { name: 'Recent memories' })).toContainText(text);
  }
  await expect(view.getByRole('list', { name: 'Recent memories' })).toContainText('added by hand');

  // A long import shows its progress in the status bar and can be stopped part way.
  await form.getByLabel('Memory entity').selectOption({ label: 'no entity' });
  await form.getByLabel('Import markdown').setInputFiles({
    name: 'archive.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(Array.from({ length: 2000 }, (_, i) => `- Old note ${i}`).join('\n')),
  });
  const progress = view.getByRole('status', { name: 'Progress' });
  await expect(progress).toContainText(/Importing archive\.md: \d+ of 2000/);
  await progress.getByRole('button', { name: 'Stop' }).click();
  await expect(progress).toHaveCount(0);
  const stored = async () =>
    Number(
      /^(\d+) memories/.exec((await view.getByLabel('Memory totals').textContent()) ?? '')?.[1],
    );
  await expect.poll(stored).toBeGreaterThan(2);
  const imported = (await stored()) - 2;
  expect(imported).toBeLessThan(2000);
  await shootThemes(page, 'memory-list');
  await view.getByRole('tab', { name: 'Context graph' }).click();
  await graphNode(view, 'Acme').click();
  await expect(acme.getByRole('list', { name: 'Memories about Acme' })).toContainText(
    'pays invoices',
  );
  await expect(graph.locator('.entity-node')).toHaveCount(5);
  await shootThemes(page, 'memory-graph');

  // Kinds filter the graph.
  await view
    .getByRole('group', { name: 'Show kinds' })
    .getByRole('button', { name: /^person/ })
    .click();
  await expect(graph.locator('.entity-node')).toHaveCount(1);
  await view
    .getByRole('group', { name: 'Show kinds' })
    .getByRole('button', { name: /^person/ })
    .click();
  await expect(graph.locator('.entity-node')).toHaveCount(5);

  // Deleting asks first; undo brings back the entity, its relations and its memories' link.
  await acme.getByRole('button', { name: 'Delete Acme' }).click();
  await acme.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(graph.locator('.entity-node')).toHaveCount(4);
  await expect(graph.locator('.react-flow__edge')).toHaveCount(0);
  await view.getByRole('button', { name: 'Undo delete Acme' }).click();
  await expect(graph.locator('.entity-node')).toHaveCount(5);
  await expect(graph.locator('.react-flow__edge')).toHaveCount(4);
  await graphNode(view, 'Acme').click();
  await expect(view.getByRole('list', { name: 'Memories about Acme' }).locator('li')).toHaveCount(
    2,
  );
  expect(errors).toEqual([]);
});
