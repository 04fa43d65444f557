import { expect, test } from '@playwright/test';
import { canvasNode, dragKind, watchErrors } from './canvas-helpers.ts';
import { OLLAMA_PORT, ollamaStandIn } from '../stand-ins/ollama.ts';
import { shootThemes } from './theme-shots.ts';

test('a newcomer sees the three jobs and starts from a template or a drop', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Getting started' });
  await expect(welcome).toContainText('This playbook is empty');
  for (const job of ['Design', 'Run and debug', 'Share']) await expect(welcome).toContainText(job);
  await shootThemes(page, 'welcome');

  // A node dropped onto the card lands on the canvas beneath it, and the card goes.
  const card = await welcome.boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!card || !pane) throw new Error('not on screen');
  await dragKind(page, 'start', { x: card.x - pane.x + 40, y: card.y - pane.y + 40 });
  await expect(canvasNode(page, 'start-1')).toBeVisible();
  await expect(welcome).toHaveCount(0);

  // A blank flow shows it again; a template opens as a new flow of its own.
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New blank flow' }).click();
  await page
    .getByRole('list', { name: 'Start from a template' })
    .getByRole('button', { name: 'Client article: brief to delivered draft' })
    .click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Client article: brief to delivered draft',
  );
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  noErrors();
});

test('a demo run plays back on the template with no account, no key and nothing sent', async ({
  page,
  context,
}) => {
  const noErrors = watchErrors(page);
  // Nothing may leave the machine during the demo.
  const external: string[] = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });
  await page.goto('/');
  await page.getByRole('button', { name: '▶ Watch a demo run' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Client article: brief to delivered draft',
  );
  const panel = page.getByRole('region', { name: 'Run panel' });
  await expect(panel.getByRole('note')).toContainText(
    "A demo recording: the model's answers were scripted and nothing was sent",
  );
  // It plays: the scrubber walks from the first step to the last by itself.
  const scrubber = panel.getByLabel('Scrubber');
  const last = await scrubber.getAttribute('max');
  expect(Number(last)).toBeGreaterThan(20);
  await expect.poll(async () => Number(await scrubber.inputValue())).toBeGreaterThan(3);
  await expect(scrubber).toHaveValue(last ?? '', { timeout: 30_000 });
  await expect(panel.getByRole('list', { name: 'Event log' })).toContainText('effect.completed');
  await shootThemes(page, 'demo-run');
  expect(external).toEqual([]);
  noErrors();
});

test('from the demo to a real run: one click moves the template to a model on this computer', async ({
  page,
}) => {
  // A demo, a failed look, a real run and an undo: longer than most tests.
  test.slow();
  const noErrors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: '▶ Watch a demo run' }).click();
  const panel = page.getByRole('region', { name: 'Run panel' });
  const note = panel.getByRole('note');
  await expect(note).toContainText('A demo recording');

  // Nothing answers on Ollama's port yet: said in words, with the way on.
  const use = note.getByRole('button', { name: 'Use a model on this computer (Ollama)' });
  await use.click();
  await expect(note.getByRole('alert')).toContainText(
    'No model found at http://localhost:11434/v1',
  );
  await expect(note.getByRole('button', { name: 'Connections' })).toBeVisible();

  const ollama = await ollamaStandIn(['llama3.2:latest', 'qwen2.5:7b']).start(OLLAMA_PORT);
  try {
    await use.click();
    const pick = note.getByLabel('Ollama on this computer serves');
    await expect(pick).toHaveValue('llama3.2:latest');
    await shootThemes(page, 'demo-real-model');
    await note.getByRole('button', { name: 'Use it and run' }).click();

    // A real run of the template: the draft comes from the local model, and the run waits on
    // the person's review, as the template says.
    await expect(panel.getByRole('tab', { name: /Approvals/ })).toHaveAttribute(
      'aria-selected',
      'true',
      { timeout: 30_000 },
    );
    const chats = ollama.to(/^\/v1\/chat\/completions$/).filter((r) => r.method === 'POST');
    expect(chats).toHaveLength(1);
    const sent = chats[0]!.json as { model: string; messages: { role: string; content: string }[] };
    expect(sent.model).toBe('llama3.2:latest');
    // The template's prompts, as written, rendered with the recording's input.
    expect(sent.messages[0]?.content).toContain('You are a ghostwriter for');
    expect(sent.messages.at(-1)?.content).toContain('Write about "');
    await expect(panel.getByRole('list', { name: 'Event log' })).toContainText('llm.called');

    // The move to the model was one edit of the flow: undo takes the agent back.
    const draft = canvasNode(page, 'draft');
    await expect(draft).toContainText('llama3.2:latest');
    await page.locator('.react-flow__pane').click();
    await page.keyboard.press('Control+z');
    await expect(draft).toContainText('gpt-4o-mini');
  } finally {
    await ollama.stop();
  }
  noErrors();
});
