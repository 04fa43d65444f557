/**
 * What the scripted model answers in the freelance-writer demo: a first draft the reviewer sends
 * back, then the revision they approve. Plausible text, so the recording reads like a real run.
 */
export const writerDemo = {
  input: {
    client: 'Acme',
    clientEmail: 'editor@acme.example',
    topic: 'Why small teams should price by value',
    brief: 'A short, practical piece for founders who bill by the hour and want to stop.',
    wordCount: 400,
  },
  memories: [
    'Acme prefers short sentences and no jargon',
    'Acme wants a three-line summary at the top of every article',
  ],
  drafts: [
    {
      title: 'Stop Billing by the Hour',
      body: 'Hourly billing rewards slowness. When you get faster, you earn less. Value pricing flips that: you charge for the outcome your client buys, not the time you spend.\n\nStart with one offer. Name the result, the price and the scope. Keep the hours to yourself.',
    },
    {
      title: 'Price the Outcome, Not the Hour',
      body: 'In short: hourly billing punishes speed. Value pricing pays for results. Start with one fixed offer.\n\nHourly billing rewards slowness. When you get faster, you earn less. Value pricing flips that: you charge for the outcome your client buys, not the time you spend.\n\nStart with one offer. Name the result, the price and the scope. Keep the hours to yourself.',
    },
  ],
  feedback: 'Good start. Add the three-line summary at the top, as always.',
} as const;
