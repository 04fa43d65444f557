import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import { flow, link, node } from '../unit/build.ts';
import { connectTo, importFlowFile, runFromPanel, saveSecret } from './app-helpers.ts';

let server: TestServer;
test.beforeEach(async () => (server = await new TestServer().start()));
test.afterEach(() => server.stop());

/** Bills the client, then logs to the CRM; a failing log must void the invoice. */
const billThenLog = flow(
  'bill-then-log',
  [
    node('s', 'start'),
    node('lines', 'transform', {
      expression: "{ 'lines': [{ 'description': 'Audit', 'quantity': 1, 'unitPrice': 900 }] }",
    }),
    node('bill', 'capability', {
      capability: 'invoice.create',
      input: { customer: 'Initech', currency: 'EUR', lines: '{{ input.lines }}' },
    }),
    node('log', 'capability', {
      capability: 'crm.logActivity',
      input: { contact: 'ap@initech.test', type: 'note', text: 'billed' },
    }),
    node('o', 'output'),
  ],
  [link('s', 'lines'), link('lines', 'bill'), link('bill', 'log'), link('log', 'o')],
  { policies: { rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }], budgets: {} } },
);

test('a run that fails after billing voids the invoice exactly once, also after a reload', async ({
  page,
}) => {
  server.failNext(/^\/crm\//, 400);
  await page.goto('/');
  await saveSecret(page, 'BILLING_API_KEY', 'sk_test_billing');

  await importFlowFile(page, billThenLog);
  const runPanel = await connectTo(page, server);
  await runFromPanel(page);

  const runs = runPanel.getByRole('list', { name: 'Runs' });
  await expect(runs).toContainText('compensated', { timeout: 15_000 });
  const timeline = runPanel.getByRole('list', { name: 'Event log' });
  await expect(timeline).toContainText('compensation.completed');
  expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
  expect(server.count(/\/void$/)).toEqual({ requests: 1, applied: 1 });

  // A reload resumes nothing and undoes nothing again.
  await page.reload();
  await expect(runs).toContainText('compensated', { timeout: 15_000 });
  expect(server.count(/\/void$/).requests).toBe(1);
});
