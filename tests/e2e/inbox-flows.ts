/**
 * Two small flows whose capability calls policy holds for approval: an invoice (money always
 * asks) and an HTTP request with a credential header (a rule asks), for the inbox's previews.
 */
const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({
  id,
  type,
  position: { x, y: 0 },
  data: { label: id, version: 1, ...data },
});
const chain = (ids: string[]) =>
  ids.slice(1).map((target, i) => ({
    id: `e${i}`,
    source: ids[i]!,
    sourceHandle: 'out',
    target,
    targetHandle: 'in',
  }));

export const invoiceFlow = {
  schemaVersion: 1,
  id: 'inbox-invoice',
  name: 'Invoice Acme',
  nodes: [
    node('start', 'start', 0, {}),
    node('lines', 'transform', 260, {
      expression:
        "{ 'lines': [{ 'description': 'Strategy workshop', 'quantity': 2, 'unitPrice': 1200 }, { 'description': 'Travel', 'quantity': 1, 'unitPrice': 149.5 }] }",
    }),
    node('invoice', 'capability', 520, {
      capability: 'invoice.create',
      input: { customer: 'Acme GmbH', currency: 'EUR', lines: '{{ input.lines }}' },
    }),
    node('done', 'output', 780, {}),
  ],
  edges: chain(['start', 'lines', 'invoice', 'done']),
};

export const requestFlow = (url: string) => ({
  schemaVersion: 1,
  id: 'inbox-request',
  name: 'Post the report',
  nodes: [
    node('start', 'start', 0, {}),
    node('request', 'transform', 260, {
      expression:
        "{ 'headers': { 'Authorization': 'Bearer sk-live-not-for-eyes', 'X-Report': 'q3' }, 'body': { 'report': 'Q3', 'pages': 12 } }",
    }),
    node('post', 'capability', 520, {
      capability: 'http.request',
      input: {
        method: 'POST',
        url,
        headers: '{{ input.headers }}',
        body: '{{ input.body }}',
      },
    }),
    node('done', 'output', 780, {}),
  ],
  edges: chain(['start', 'request', 'post', 'done']),
  policies: {
    rules: [
      {
        id: 'posts-ask',
        capability: 'http.request',
        decision: 'approve',
        reason: 'Posting to outside systems needs a look',
      },
    ],
  },
});
