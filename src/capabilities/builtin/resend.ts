import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { emailPreview } from '../preview.ts';
import { defineService, digText } from '../service.ts';
import { emailInput, emailOutput } from './mail.ts';

// Resend (https://resend.com/docs/api-reference/emails/send-email): JSON, API key as bearer,
// `Idempotency-Key` on POST /emails (kept 24 hours; the same key with another payload is a 409
// `invalid_idempotent_request`). Errors are `{ statusCode, name, message }`.

const resendService = defineService({
  id: 'resend',
  title: 'Resend',
  docs: 'https://resend.com/docs/api-reference/introduction',
  baseUrl: 'https://api.resend.com',
  auth: { scheme: 'bearer' },
  secretLabel: 'API key (re_…)',
  encoding: 'json',
  idempotencyHeader: 'Idempotency-Key',
  // Resend's API refuses calls from web pages (no CORS), and its key must not be in one.
  runsOn: 'server',
  errorMessage: (body) => digText(body, 'message'),
  explainRefusal: (status, body) =>
    status === 409 && digText(body, 'name') === 'invalid_idempotent_request'
      ? `Resend refused a repeated send with a different message under the same idempotency key; nothing was sent twice (${digText(body, 'message') ?? 'invalid_idempotent_request'})`
      : undefined,
  // Needs a full-access key; a sending-only key is refused here though it can send.
  test: { method: 'GET', path: '/domains' },
});

export const resendEmailSend = defineCapability({
  id: 'resend.email.send',
  title: 'Send an email (Resend)',
  description: 'Sends one email through Resend (POST /emails), once per idempotency key.',
  sideEffect: 'external-message',
  service: resendService,
  input: emailInput,
  output: emailOutput,
  idempotency: 'remote-dedupes',
  async call(input, { remote }) {
    const sent = await remote.send(
      {
        method: 'POST',
        path: '/emails',
        body: {
          from: input.from,
          to: [input.to],
          ...(input.cc.length > 0 ? { cc: input.cc } : {}),
          subject: input.subject,
          text: input.body,
          ...(input.html !== undefined ? { html: input.html } : {}),
          ...(input.replyTo ? { reply_to: input.replyTo } : {}),
        },
      },
      z.looseObject({ id: z.string() }),
    );
    return { messageId: sent.id };
  },
  preview: emailPreview,
});
