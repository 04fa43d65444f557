import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import { connectTo, importFlowFile, runFromPanel, saveSecret } from './app-helpers.ts';
import { invoiceFlow } from './inbox-flows.ts';

let server: TestServer;
test.beforeEach(async () => (server = await new TestServer().start()));
test.afterEach(() => server.stop());

/** Bills Acme without asking (the billing API dedupes on the idempotency key). */
const billAcme = {
  ...invoiceFlow,
  id: 'handover-bill',
  name: 'Hand-over bill',
  policies: { rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }], budgets: {} },
};

test('closing the tab that runs a run hands it to the other tab, which finishes it once', async ({
  context,
}) => {
  const first = await context.newPage();
  await first.goto('/');
  await saveSecret(first, 'BILLING_API_KEY', 'sk_test_billing');
  await importFlowFile(first, billAcme);
  await connectTo(first, server);
  // The other tab, open on the same flow (the last one opened) before the run starts.
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('textbox', { name: 'Flow name' })).toHaveValue(billAcme.name);

  // The billing API holds the first tab's request: the run is mid-call when that tab closes.
  const arrived = server.holdNext('/billing/invoices');
  await runFromPanel(first);
  await arrived;
  await first.close();

  const runs = second
    .getByRole('region', { name: 'Run panel' })
    .getByRole('list', { name: 'Runs' });
  await expect(runs).toContainText('succeeded', { timeout: 10_000 });
  // The held call was never answered; the retry with its key billed once.
  expect(server.count(/^\/billing\/invoices$/)).toEqual({ requests: 2, applied: 1 });
});
