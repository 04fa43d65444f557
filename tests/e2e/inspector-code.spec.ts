import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { canvasNode, watchErrors } from './canvas-helpers.ts';
import { shootThemes } from './theme-shots.ts';

/** Adds a node from the palette and selects it; returns the inspector. */
async function addAndSelect(page: Page, title: string, id: string): Promise<Locator> {
  await page.getByRole('button', { name: new RegExp(`^Add ${title}`) }).click();
  await canvasNode(page, id).locator('.node-card-head').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText(`id: ${id}`);
  return inspector;
}

const colourOf = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).color);

test('a template field highlights Liquid, and the app undo and theme apply to it', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const inspector = await addAndSelect(page, 'Agent', 'agent-1');

  // The label still names the field, now a CodeMirror editor.
  const prompt = inspector.getByLabel('Prompt');
  await expect(prompt).toHaveClass(/cm-content/);
  await expect(prompt).toHaveAttribute('role', 'textbox');
  await expect(prompt).toHaveText('{{ input | json }}');

  await prompt.fill('Hello {{ input.name }}, about {% if run.input.topic %}x{% endif %}');
  const variable = prompt.locator('.tok-variable', { hasText: 'input' }).first();
  await expect(variable).toBeVisible();
  await expect(prompt.locator('.tok-property', { hasText: 'name' })).toBeVisible();
  await expect(prompt.locator('.tok-brace').first()).toHaveText('{{');
  await expect(prompt.locator('.tok-keyword', { hasText: 'endif' })).toBeVisible();
  const light = await colourOf(variable);
  expect(light).not.toEqual(await colourOf(prompt.locator('.tok-property').first()));
  await shootThemes(page, 'inspector-template');

  // Theme: the same token takes the dark palette's colour.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await colourOf(variable);
  expect(dark).not.toEqual(light);
  expect(dark).toBe('rgb(255, 166, 87)');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // The header's Undo takes the whole typing back, and the editor shows it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(prompt).toHaveText('{{ input | json }}');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(prompt).toContainText('Hello {{ input.name }}');
  noErrors();
});

test('an expression field marks a syntax error where it is and stays on one line', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const inspector = await addAndSelect(page, 'Transform', 'transform-1');
  const expression = inspector.getByLabel(/^Expression/);
  await expect(expression).toHaveClass(/cm-content/);
  await expect(expression).toHaveAttribute('aria-multiline', 'false');

  await expression.fill('$sum(input.lines.(qty * price)');
  await expect(expression.locator('.tok-function')).toHaveText('$sum');
  // The lint marker sits at the end, where the parser ran out; the message is also under the field.
  await expect(expression.locator('.cm-lintPoint-error, .cm-lintRange-error')).toHaveCount(1);
  await expect(inspector.getByText(/expression syntax at character 30/)).toBeVisible();
  await expect(expression).toHaveAttribute('aria-invalid', 'true');
  await expect(expression).toHaveAttribute('aria-describedby', /-errors$/);
  await shootThemes(page, 'inspector-expression-error');

  // Typing goes on at the cursor, through the round trip to the flow and back.
  await expression.press('End');
  await page.keyboard.type(')');
  await expect(expression).toHaveText('$sum(input.lines.(qty * price))');
  await expect(expression.locator('.cm-lintPoint-error, .cm-lintRange-error')).toHaveCount(0);
  await expect(expression).not.toHaveAttribute('aria-invalid', 'true');
  await expression.press('Home');
  await page.keyboard.type('1 + ');
  await expect(expression).toHaveText('1 + $sum(input.lines.(qty * price))');

  // Enter adds no line to an expression.
  await page.keyboard.press('Enter');
  await expect(expression.locator('.cm-line')).toHaveCount(1);

  // Ctrl+Z in the field is the app's undo: back to the default expression, in the editor too.
  await page.keyboard.press('Control+z');
  await expect(expression).toHaveText('$');
  await page.keyboard.press('Control+Shift+z');
  await expect(expression).toHaveText('1 + $sum(input.lines.(qty * price))');
  noErrors();
});

test('Tab and Escape leave the editor; the label focuses it', async ({ page }) => {
  await page.goto('/');
  const inspector = await addAndSelect(page, 'Agent', 'agent-1');
  const role = inspector.getByLabel(/^Role/);
  const prompt = inspector.getByLabel('Prompt');
  await expect(prompt).toHaveClass(/cm-content/);

  await inspector.locator('label', { hasText: 'Role' }).click();
  await expect(role).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(prompt).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(prompt).not.toBeFocused();
  await expect(inspector.locator('.cm-focused')).toHaveCount(0);

  await prompt.click();
  await page.keyboard.press('Escape');
  await expect(prompt).not.toBeFocused();
  // Escape only left the field: the node is still selected.
  await expect(inspector).toContainText('id: agent-1');
});

test('until CodeMirror loads the plain field works, and the editor takes over where it was', async ({
  page,
}) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/CodeEditor-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  const inspector = await addAndSelect(page, 'Agent', 'agent-1');
  const prompt = inspector.getByLabel('Prompt');
  await expect(prompt).toHaveJSProperty('tagName', 'TEXTAREA');
  await prompt.fill('Draft for {{ input.client }}');
  await expect(canvasNode(page, 'agent-1')).toBeVisible();

  release();
  await expect(prompt).toHaveClass(/cm-content/);
  await expect(prompt).toHaveText('Draft for {{ input.client }}');
  await expect(prompt).toBeFocused();
  await page.keyboard.type('!');
  await expect(prompt).toHaveText('Draft for {{ input.client }}!');
});

test('a read-only flow shows templates highlighted but not editable', async ({ page, browser }) => {
  await page.goto('/');
  await addAndSelect(page, 'Agent', 'agent-1');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();

  const other = await browser.newContext();
  const viewer = await other.newPage();
  await viewer.goto(link);
  await expect(viewer.getByRole('region', { name: 'Shared flow' })).toContainText('read-only');
  const inspector = await (async () => {
    await canvasNode(viewer, 'agent-1').locator('.node-card-head').click();
    return viewer.getByRole('complementary', { name: 'Inspector' });
  })();
  const prompt = inspector.getByLabel('Prompt');
  await expect(prompt).toHaveClass(/cm-content/);
  await expect(prompt.locator('.tok-brace').first()).toBeVisible();
  await expect(prompt).not.toBeEditable();
  await expect(prompt).toHaveAttribute('aria-readonly', 'true');
  await other.close();
});
