import fs from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Helpers for the canvas specs: act through the mouse and keyboard as a user would. */

export const canvasNode = (page: Page, id: string): Locator =>
  page.locator(`.react-flow__node[data-id="${id}"]`);

export const handle = (page: Page, nodeId: string, handleId: string): Locator =>
  canvasNode(page, nodeId).locator(`.react-flow__handle[data-handleid="${handleId}"]`);

/** Drags a palette item onto the canvas at a point relative to the canvas's top-left corner. */
export async function dragKind(page: Page, kind: string, at: { x: number; y: number }) {
  await page
    .getByRole('complementary', { name: 'Palette' })
    .locator(`[data-kind="${kind}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

async function centerOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws an edge by dragging from an output handle to an input handle with the mouse. */
export async function connect(page: Page, from: [string, string], to: [string, string]) {
  const start = await centerOf(handle(page, ...from));
  const end = await centerOf(handle(page, ...to));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Drags a node by its header by a distance in screen pixels. */
export async function moveNode(page: Page, id: string, by: { x: number; y: number }) {
  const head = canvasNode(page, id).locator('.node-card-head');
  const start = await centerOf(head);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + by.x / 2, start.y + by.y / 2, { steps: 4 });
  await page.mouse.move(start.x + by.x, start.y + by.y, { steps: 4 });
  await page.mouse.up();
}

export const edge = (page: Page, id: string): Locator =>
  page.locator(`.react-flow__edge[data-id="${id}"]`);

/** Fails the test on any console error or uncaught exception. */
export function watchErrors(page: Page): () => void {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return () => expect(errors).toEqual([]);
}

/** Waits until the header says the open flow is saved. */
export const saved = (page: Page) =>
  expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

/** Exports the open flow with the header button; the downloaded file's name and text. */
export async function exportText(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await fs.readFile(path, 'utf8') };
}

/**
 * Clicks an edge where a person would: on its line (not the middle of its bounding box, which a
 * curve can miss), at the point nearest its middle that no card covers.
 */
export async function clickEdge(page: Page, id: string) {
  const point = await edge(page, id)
    .locator('path.react-flow__edge-path')
    .evaluate((path: SVGPathElement) => {
      const matrix = path.getScreenCTM();
      const group = path.closest('.react-flow__edge');
      if (!matrix || !group) throw new Error('the edge is not on screen');
      const length = path.getTotalLength();
      for (const offset of [0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.4, -0.4]) {
        const at = path.getPointAtLength(length * (0.5 + offset)).matrixTransform(matrix);
        if (group.contains(document.elementFromPoint(at.x, at.y))) return { x: at.x, y: at.y };
      }
      throw new Error('every point of the edge is covered');
    });
  await page.mouse.click(point.x, point.y);
}
