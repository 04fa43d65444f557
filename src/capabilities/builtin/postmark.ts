import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { emailPreview } from '../preview.ts';
import { defineService, dig, digText } from '../service.ts';
import { emailInput, emailOutput } from './mail.ts';

// Postmark (https://postmarkapp.com/developer/api/email-api): JSON, the server token in
// `X-Postmark-Server-Token`, errors as `{ ErrorCode, Message }` (422 for a refused message, 401 for
// a bad token). Postmark takes no idempotency key, so a send whose outcome is unknown is never
// repeated on its own: a person says whether it went out.

const postmarkService = defineService({
  id: 'postmark',
  title: 'Postmark',
  docs: 'https://postmarkapp.com/developer/api/overview',
  baseUrl: 'https://api.postmarkapp.com',
  auth: { scheme: 'header', header: 'X-Postmark-Server-Token' },
  secretLabel: 'Server API token',
  encoding: 'json',
  headers: { Accept: 'application/json' },
  runsOn: 'server',
  errorMessage: (body) => {
    const message = digText(body, 'Message');
    const code = dig(body, 'ErrorCode');
    return message && typeof code === 'number' ? `${message} (ErrorCode ${code})` : message;
  },
  test: { method: 'GET', path: '/server' },
});

export const postmarkEmailSend = defineCapability({
  id: 'postmark.email.send',
  title: 'Send an email (Postmark)',
  description: 'Sends one email through Postmark (POST /email).',
  sideEffect: 'external-message',
  service: postmarkService,
  input: emailInput,
  output: emailOutput,
  idempotency: 'none',
  // Only a refusal that says nothing was sent is retried: a 500 may have sent it.
  retryOn: [429, 503],
  async call(input, { remote }) {
    const sent = await remote.send(
      {
        method: 'POST',
        path: '/email',
        body: {
          From: input.from,
          To: input.to,
          ...(input.cc.length > 0 ? { Cc: input.cc.join(',') } : {}),
          Subject: input.subject,
          TextBody: input.body,
          ...(input.html !== undefined ? { HtmlBody: input.html } : {}),
          ...(input.replyTo ? { ReplyTo: input.replyTo } : {}),
          MessageStream: 'outbound',
        },
      },
      z.looseObject({ MessageID: z.string(), ErrorCode: z.literal(0) }),
    );
    return { messageId: sent.MessageID };
  },
  preview: emailPreview,
});
