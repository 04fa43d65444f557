import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import {
  connectTo,
  importFlowFile,
  runFromPanel,
  saveSecret,
  settingsJson,
} from './app-helpers.ts';
import { invoiceFlow } from './inbox-flows.ts';
import { hookFlow } from '../engine/harness/hookFlow.ts';
import { BrowserProcess } from './browser-process.ts';

/** Bills Acme through the "billing" connection, allowed by policy without asking. */
const billAcme = {
  ...invoiceFlow,
  id: 'bill-acme',
  policies: { rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }], budgets: {} },
};

// Tracing follows the test's own browser; a SIGKILLed one has nothing to hand back.
test.use({ trace: 'off' });

let server: TestServer;
test.beforeEach(async () => (server = await new TestServer().start()));
test.afterEach(() => server.stop());

test('connections saved a moment before the browser is killed are there after relaunch', async ({
  baseURL,
}) => {
  const browser = new BrowserProcess();
  try {
    const page = await browser.launch(baseURL ?? '/');
    // Saved means the dialog closed: the worker's IndexedDB transaction has committed.
    await expect((await connectTo(page, server)).getByRole('dialog')).toHaveCount(0);
    await browser.kill();

    const again = await browser.launch(baseURL ?? '/');
    await again
      .getByRole('region', { name: 'Run panel' })
      .getByRole('button', { name: 'Connections' })
      .click();
    const text = await settingsJson(again.getByRole('dialog', { name: 'Connections' }));
    await expect(text).toContainText(`${server.url}/billing`);
  } finally {
    await browser.dispose();
  }
});

test('a run missing its connection waits with a notice in the run panel and the inbox, then continues', async ({
  page,
}) => {
  await page.goto('/');
  await importFlowFile(page, billAcme);
  await runFromPanel(page);
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  const notice = runPanel.getByRole('article', { name: /^Waiting: billing is not connected/ });
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('billing is not connected — connect it to continue');
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('waiting');
  const shots = process.env['AIOS_SHOTS'];
  if (shots) await page.screenshot({ path: `${shots}/setup-wait-run-panel.png` });

  const inboxButton = page.getByRole('button', { name: /^Approvals inbox/ });
  await expect(inboxButton).toHaveAccessibleName('Approvals inbox, 1 pending');
  await inboxButton.click();
  const inbox = page.getByRole('dialog', { name: /Approvals inbox/ });
  await expect(
    inbox.getByRole('article', { name: /^Waiting: billing is not connected/ }),
  ).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/setup-wait-inbox.png` });
  await page.keyboard.press('Escape');
  await expect(inbox).toBeHidden();

  // The secret, then the connection: the run goes on by itself, and bills once.
  await saveSecret(page, 'BILLING_API_KEY', 'sk_test_billing');
  await connectTo(page, server);
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });
  expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
});

test('a run cut off by a killed browser resumes on relaunch with its saved connections, billing once', async ({
  baseURL,
}) => {
  const browser = new BrowserProcess();
  try {
    const page = await browser.launch(baseURL ?? '/');
    await saveSecret(page, 'BILLING_API_KEY', 'sk_test_billing');
    await importFlowFile(page, billAcme);
    await connectTo(page, server);
    await expect(page.getByRole('dialog', { name: 'Connections' })).toBeHidden();
    // The billing API holds the request: the browser dies with the call in flight.
    const arrived = server.holdNext('/billing/invoices');
    await runFromPanel(page);
    await arrived;
    await browser.kill();

    const again = await browser.launch(baseURL ?? '/');
    // Retried with its key, which the API deduplicated: one invoice.
    await expect
      .poll(() => server.count(/^\/billing\/invoices$/), { timeout: 15_000 })
      .toEqual({ requests: 2, applied: 1 });
    // Which flow was open is kept in localStorage, fine to lose: open it from the list.
    await again.getByRole('button', { name: 'Flows' }).click();
    await again
      .getByRole('dialog', { name: 'Flows' })
      .getByRole('button', { name: `Open ${billAcme.name}` })
      .click();
    const runs = again
      .getByRole('region', { name: 'Run panel' })
      .getByRole('list', { name: 'Runs' });
    await expect(runs).toContainText('succeeded', { timeout: 15_000 });
    // Nothing is left for a person to settle.
    await expect(again.getByRole('button', { name: /^Approvals inbox/ })).toHaveAccessibleName(
      'Approvals inbox, 0 pending',
    );
  } finally {
    await browser.dispose();
  }
});

test('after a kill mid-call, "did it happen?" says what approving as is records, and the call is not repeated', async ({
  baseURL,
}) => {
  const browser = new BrowserProcess();
  try {
    const page = await browser.launch(baseURL ?? '/');
    await importFlowFile(page, hookFlow(`${server.url}/hook`));
    const arrived = server.holdNext('/hook');
    await runFromPanel(page);
    await arrived;
    await browser.kill();

    const again = await browser.launch(baseURL ?? '/');
    const inboxButton = again.getByRole('button', { name: /^Approvals inbox/ });
    await expect(inboxButton).toHaveAccessibleName('Approvals inbox, 1 pending', {
      timeout: 15_000,
    });
    await inboxButton.click();
    const card = again.getByRole('article', { name: /Did "Post to Acme" happen\?/ });
    await expect(card).toContainText('as is, it is recorded as "happened, result not known"');
    const shots = process.env['AIOS_SHOTS'];
    if (shots) await again.screenshot({ path: `${shots}/did-it-happen.png` });
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(inboxButton).toHaveAccessibleName('Approvals inbox, 0 pending');
    expect(server.count(/^\/hook/).requests).toBe(1);
  } finally {
    await browser.dispose();
  }
});
