import { flow, link, node } from '../../unit/build.ts';

/** Creates one invoice through the "billing" connection (which dedupes on the idempotency key). */
export const billFlow = flow(
  'bill',
  [
    node('start', 'start'),
    node('bill', 'capability', {
      capability: 'invoice.create',
      input: { customer: 'Acme', currency: 'EUR', lines: '{{ run.input.lines }}' },
    }),
    node('end', 'output'),
  ],
  [link('start', 'bill'), link('bill', 'end')],
  { policies: { rules: [{ id: 'bill', capability: 'invoice.create', decision: 'allow' }] } },
);

export const billInput = { lines: [{ description: 'Work', quantity: 1, unitPrice: 100 }] };
