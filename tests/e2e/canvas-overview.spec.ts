import { expect, test, type Page } from '@playwright/test';
import { gridChain } from '../unit/build.ts';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { debuggerState, shoot } from './debugger-helpers.ts';

/** The colour the overview painted at a point given in flow coordinates (alpha 0: nothing). */
async function paintedAt(page: Page, point: { x: number; y: number }) {
  return page.evaluate(({ x, y }) => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const canvas = document.querySelector<HTMLCanvasElement>('.flow-overview');
    if (!viewport || !canvas) throw new Error('no overview');
    const { e, f, a } = new DOMMatrix(getComputedStyle(viewport).transform);
    const scale = canvas.width / canvas.clientWidth;
    const pixel = canvas
      .getContext('2d')
      ?.getImageData(Math.round((x * a + e) * scale), Math.round((y * a + f) * scale), 1, 1).data;
    return pixel ? [...pixel] : [];
  }, point);
}

/** Clicks the canvas at a point given in flow coordinates. */
async function clickAt(page: Page, point: { x: number; y: number }) {
  const where = await page.evaluate(({ x, y }) => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    if (!viewport || !pane) throw new Error('no canvas');
    const { e, f, a } = new DOMMatrix(getComputedStyle(viewport).transform);
    const box = pane.getBoundingClientRect();
    return { x: box.left + x * a + e, y: box.top + y * a + f };
  }, point);
  await page.mouse.click(where.x, where.y);
}

test('a big flow zoomed out is drawn on one canvas; a click selects, zooming in brings the cards back', async ({
  page,
}) => {
  await page.goto('/');
  await page.locator('.react-flow__pane').waitFor();
  // Opened fitted, no card is drawn on the way (not even to be measured).
  await page.evaluate(() => {
    const w = window as unknown as { cardsDrawn: number };
    w.cardsDrawn = 0;
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const added of change.addedNodes)
          if (added instanceof Element && added.matches('.react-flow__node')) w.cardsDrawn++;
    }).observe(document.body, { childList: true, subtree: true });
  });
  // 300 nodes, 20 to a row: fitted to the screen, the zoom is far below 0.3.
  await importFlowFile(page, { ...gridChain(300, 20), name: 'big' });
  const overview = page.locator('.flow-overview');
  await expect(overview).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cardsDrawn: number }).cardsDrawn)).toBe(
    0,
  );
  await expect(page.locator('.react-flow__node:visible')).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'Mini map' })).toBeHidden();

  // Cards are painted where the nodes are, and nothing between two columns of cards.
  await expect.poll(async () => (await paintedAt(page, { x: 100, y: 40 }))[3]).toBeGreaterThan(0);
  expect((await paintedAt(page, { x: 240, y: 40 }))[3]).toBe(0);
  await shoot(page, 'overview-light');

  // Node 26 (t25, after the start node) is the 7th of the second row: x = 6 × 260, y = 160.
  const unselected = await paintedAt(page, { x: 6 * 260 + 1, y: 161 });
  await clickAt(page, { x: 6 * 260 + 100, y: 200 });
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('id: t25');
  // The selected card gets an outline in the accent colour.
  await expect.poll(() => paintedAt(page, { x: 6 * 260 + 1, y: 161 })).not.toEqual(unselected);

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await shoot(page, 'overview-dark');

  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 12 && (await overview.count()) > 0; i++) await zoomIn.click();
  await expect(overview).toHaveCount(0);
  await expect(page.locator('.react-flow__node:visible').first()).toBeVisible();
  await expect(page.getByRole('img', { name: 'Mini map' })).toBeVisible();
});

test("the overview outlines the watched run's nodes in the colours the cards use", async ({
  page,
}) => {
  await page.goto('/');
  await importFlowFile(page, { ...gridChain(300, 20), name: 'big run' });
  await expect(page.locator('.flow-overview')).toBeVisible();
  // Just inside the top-left corner of the last node (o, the 300th: row 14, column 19).
  const corner = { x: 19 * 260 + 2, y: 14 * 160 + 2 };
  await expect.poll(async () => (await paintedAt(page, corner))[3]).toBeGreaterThan(0);
  const before = await paintedAt(page, corner);
  const edgeBefore = await paintedAt(page, { x: 240, y: 55 });

  await runFromPanel(page);
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 30_000 });
  const colour = (variable: string) =>
    page.evaluate((name) => {
      const probe = document.createElement('div');
      probe.style.color = `var(${name})`;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color.match(/\d+/g)?.map(Number) ?? [];
      probe.remove();
      return rgb.slice(0, 3);
    }, variable);
  const success = await colour('--color-success');
  await expect
    .poll(async () => (await paintedAt(page, corner)).slice(0, 3))
    .toEqual(success.slice(0, 3));
  expect(before.slice(0, 3)).not.toEqual(success.slice(0, 3));
  // The path it took is drawn in the accent colour: here the edge from s to the next node.
  const onEdge = { x: 240, y: 55 };
  const accent = await colour('--color-accent');
  // A 3 px line is smoothed into its neighbours: near the colour, not exactly it.
  const distance = (a: number[], b: number[]) =>
    Math.hypot(...a.slice(0, 3).map((v, i) => v - b[i]!));
  await expect.poll(async () => distance(await paintedAt(page, onEdge), accent)).toBeLessThan(48);
  expect(distance(edgeBefore, accent)).toBeGreaterThan(100);
  await shoot(page, 'overview-run');
});
