import { z } from 'zod';

/** What every email connector takes: one message, as a person previews it (`emailPreview`). */
const address = z.string().email().max(320);

export const emailInput = z.object({
  from: z
    .string()
    .min(3)
    .max(400)
    .describe(
      'The sender, e.g. "Ada <ada@example.com>"; its domain must be verified at the service',
    ),
  to: address,
  cc: z.array(address).max(49).default([]),
  subject: z.string().min(1).max(998),
  body: z.string().max(100_000).describe('The plain-text body'),
  html: z.string().max(500_000).optional().describe('An HTML body besides the text one'),
  replyTo: address.optional(),
});

export const emailOutput = z.object({ messageId: z.string() });
