import { expect, test, type Page } from '@playwright/test';
import { openTriage, runTicket, scriptTriage } from './debugger-helpers.ts';
import { invoiceFlow, requestFlow } from './inbox-flows.ts';
import { shootThemes } from './theme-shots.ts';
import { TestServer } from '../engine/harness/testServer.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
  // The reply agent is unsure (0.60 < 0.85), so policy asks before the email goes out.
  scriptTriage(server, 0.6);
});
test.afterEach(() => server.stop());

const edited = 'Hi Pat,\n\nOpen Settings, then Export, and pick CSV.\n\nSam';

test('a low-confidence email waits in the inbox, is edited with the keyboard and sent once', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openTriage(page, server);
  const button = page.getByRole('button', { name: /^Approvals inbox/ });
  await expect(button).toHaveAccessibleName('Approvals inbox, 0 pending');
  await runTicket(page);
  await expect(button).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 15_000 });
  await expect(button).toHaveText(/Inbox\s*1/);

  await button.click();
  const inbox = page.getByRole('dialog', { name: /Approvals inbox/ });
  const list = inbox.getByRole('listbox', { name: 'Pending approvals' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Support ticket triage');
  await expect(inbox.getByRole('list', { name: 'Keyboard shortcuts' })).toContainText('approve');

  // What would happen, rendered as an email, with the agent's confidence and the rule that asked.
  const card = inbox.getByRole('article', { name: /Send an email: needs your approval/ });
  const email = card.getByRole('region', { name: 'Email' });
  await expect(email).toContainText('pat@customer.test');
  await expect(email).toContainText('Re: Export');
  await expect(card.getByLabel('Email body')).toHaveText('Use Settings → Export.');
  await expect(card).toContainText('confidence 0.60');
  await expect(card).toContainText('rule confident-replies-only');
  await expect(card).toContainText('Replies go out alone only when the agent is sure');
  await expect(card.getByRole('meter', { name: 'Agent confidence' })).toHaveJSProperty(
    'value',
    0.6,
  );
  await shootThemes(page, 'inbox');

  // e: edit, the cursor lands in the body.
  await page.keyboard.press('e');
  const body = card.getByRole('textbox', { name: 'body' });
  await expect(body).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(edited);
  // A broken address is caught before anything is sent, next to its field.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(card.getByRole('textbox', { name: 'to' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('pat at customer');
  await expect(card.getByRole('textbox', { name: 'to' })).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toContainText('subject.to');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(card.getByRole('alert')).toHaveText('Fix the problem first');
  await shootThemes(page, 'inbox-edit-error');
  expect(server.count(/^\/mail\//).requests).toBe(0);

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('pat@customer.test');
  await page.keyboard.press('ControlOrMeta+Enter');

  await expect(inbox.getByText('Nothing is waiting for you')).toBeVisible({ timeout: 15_000 });
  await expect(button).toHaveAccessibleName('Approvals inbox, 0 pending');
  await expect.poll(() => server.count(/^\/mail\//).applied, { timeout: 15_000 }).toBe(1);
  await page.keyboard.press('Escape');
  await expect(inbox).toBeHidden();
  await expect(page.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });
  expect(server.count(/^\/mail\//)).toEqual({ requests: 1, applied: 1 });
  const sent = server.applied.find((r) => r.path === '/mail/messages')?.body;
  expect(sent).toMatchObject({ to: 'pat@customer.test', subject: 'Re: Export', body: edited });
  expect(errors).toEqual([]);
});

test('r rejects with feedback from the keyboard; Escape backs out before closing', async ({
  page,
}) => {
  await openTriage(page, server);
  await runTicket(page);
  const button = page.getByRole('button', { name: /^Approvals inbox/ });
  await expect(button).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 15_000 });
  await button.click();
  const inbox = page.getByRole('dialog', { name: /Approvals inbox/ });
  const card = inbox.getByRole('article', { name: /Send an email/ });
  const list = inbox.getByRole('listbox', { name: 'Pending approvals' });
  await expect(list).toBeFocused();

  // Escape in the editor cancels the edit and keeps the inbox open.
  await page.keyboard.press('e');
  await expect(card.getByRole('group', { name: 'Edit before approving' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card.getByRole('group', { name: 'Edit before approving' })).toBeHidden();
  await expect(inbox).toBeVisible();
  await expect(list).toBeFocused();

  await page.keyboard.press('r');
  const feedback = card.getByRole('textbox', { name: 'Feedback' });
  await expect(feedback).toBeFocused();
  await page.keyboard.type('Too terse, add the CSV step');
  await page.keyboard.press('Enter');
  await expect(inbox.getByText('Nothing is waiting for you')).toBeVisible({ timeout: 15_000 });
  // The flow sends a rejected reply's ticket to the founder instead, and logs that in the CRM.
  await expect(page.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('approval.decided');
  expect(server.count(/^\/crm\/activities/).applied).toBe(1);
  expect(server.count(/^\/mail\//).requests).toBe(0);
});

async function importAndRun(page: Page, flow: { name: string }) {
  await page.getByLabel('Import a flow file').setInputFiles({
    name: 'flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flow)),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(flow.name);
  await page.getByRole('form', { name: 'Run input' }).getByRole('button', { name: /Run/ }).click();
}

test('invoice lines and HTTP requests render for people, newest first; j/k move, a approves', async ({
  page,
}) => {
  await page.goto('/');
  const button = page.getByRole('button', { name: /^Approvals inbox/ });
  await importAndRun(page, invoiceFlow);
  await expect(button).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 15_000 });
  await importAndRun(page, requestFlow(`${server.url}/hook`));
  await expect(button).toHaveAccessibleName('Approvals inbox, 2 pending', { timeout: 15_000 });

  await button.click();
  const inbox = page.getByRole('dialog', { name: /Approvals inbox/ });
  const options = inbox.getByRole('listbox', { name: 'Pending approvals' }).getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText('Post the report');
  await expect(options.nth(1)).toContainText('Invoice Acme');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');

  const request = inbox.getByRole('region', { name: 'HTTP request' });
  await expect(request).toContainText(`POST${server.url}/hook`);
  await expect(request.getByRole('definition').first()).toContainText('hidden: a credential');
  await expect(request).toContainText('X-Report');
  await expect(inbox).not.toContainText('sk-live-not-for-eyes');
  await expect(request).toContainText('"pages": 12');
  await expect(inbox).toContainText('Posting to outside systems needs a look');
  await shootThemes(page, 'inbox-request');

  await page.keyboard.press('j');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const invoice = inbox.getByRole('region', { name: 'Invoice' });
  await expect(invoice).toContainText('Acme GmbH');
  await expect(invoice.getByRole('row', { name: /Strategy workshop/ })).toContainText('2,400.00');
  await expect(invoice.getByRole('row', { name: /Total/ })).toContainText('2,549.50');
  await expect(inbox).toContainText('asked by policy (workspace default)');
  await shootThemes(page, 'inbox-invoice');

  await page.keyboard.press('k');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('a');
  await expect(options).toHaveCount(1, { timeout: 15_000 });
  await expect(options.nth(0)).toContainText('Invoice Acme');
  await expect(button).toHaveAccessibleName('Approvals inbox, 1 pending');
  await expect.poll(() => server.count(/^\/hook$/).applied, { timeout: 15_000 }).toBe(1);
  expect(server.requests.find((r) => r.path === '/hook')?.auth).toBe('Bearer sk-live-not-for-eyes');
});
