/** Run inputs of the example playbooks, shared by the engine tests. */

/** A brief for `freelance-writer.json`. */
export const writerInput = {
  client: 'Acme',
  clientEmail: 'editor@acme.test',
  topic: 'Pricing',
  brief: 'b',
  wordCount: 500,
};

/** A support ticket for `saas-support-triage.json`. */
export const ticket = {
  ticketId: 'T-9',
  customerEmail: 'pat@customer.test',
  subject: 'Export',
  message: 'How?',
};
