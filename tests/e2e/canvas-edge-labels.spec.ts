import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { flow, link, node } from '../unit/build.ts';
import { importFlowFile } from './app-helpers.ts';
import { edge, watchErrors } from './canvas-helpers.ts';

const at = (n: ReturnType<typeof node>, x: number, y: number) => ({ ...n, position: { x, y } });

// Review sits just right of the draft (a gap narrower than "Answer"); the approved path runs
// far to the right; the rejected path is short again, with a label someone wrote.
const labels = flow(
  'edge-labels',
  [
    at(node('s', 'start'), 0, 120),
    at(node('draft', 'agent'), 260, 120),
    at(node('review', 'approval'), 520, 120),
    at(node('done', 'output'), 1160, 40),
    at(node('redo', 'output'), 770, 260),
  ],
  [
    link('s', 'draft'),
    link('draft', 'review'),
    link('review', 'done', 'approved'),
    { ...link('review', 'redo', 'rejected'), label: 'Needs a second look' },
  ],
);

/** Whether a person sees the label at its middle, rather than a card drawn over it. */
const seenAtMiddle = (label: Locator) =>
  label.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return top !== null && top.closest('.react-flow__node') === null;
  });

test('edge labels are drawn where they can be read, never as fragments under cards', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await importFlowFile(page, labels);

  // The long edge keeps its label in the SVG, uncovered.
  const approved = edge(page, 'review.approved-done.in').locator('.react-flow__edge-text');
  await expect(approved).toHaveText('Approved');
  expect(await seenAtMiddle(approved)).toBe(true);

  // On a short edge an output's name is left out: the draft's card names its Answer output.
  await expect(edge(page, 'draft.out-review.in')).toHaveCount(1);
  await expect(edge(page, 'draft.out-review.in').locator('.react-flow__edge-text')).toHaveCount(0);

  // A written label on a short edge is lifted above the cards, whole.
  const raised = page.locator('.edge-label-raised', { hasText: 'Needs a second look' });
  await expect(raised).toBeVisible();
  expect(await seenAtMiddle(raised)).toBe(true);
  await expect(edge(page, 'review.rejected-redo.in').locator('.react-flow__edge-text')).toHaveCount(
    0,
  );

  // Every label still drawn in the SVG is readable where it is: no card covers its middle.
  for (const text of await page.locator('.react-flow__edge-text').all())
    expect(await seenAtMiddle(text)).toBe(true);
  noErrors();
});
