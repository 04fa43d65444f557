import { NodeError } from '../../engine/contract/index.ts';
import { defineCapability } from '../define.ts';
import { emailPreview } from '../preview.ts';
import { connectionOf } from '../remote.ts';
import { secretValue } from '../secret.ts';
import { defineService } from '../service.ts';
import { emailInput, emailOutput } from './mail.ts';

// SMTP through the transport the server and the CLI supply (`services.smtp`, over nodemailer),
// so the browser build carries no mail library. The connection's base URL is the SMTP server
// (`smtp://user@host:587`, `smtps://user@host:465`); its secret is the user's password.

const smtpService = defineService({
  id: 'smtp',
  title: 'SMTP server',
  docs: 'https://nodemailer.com/smtp/',
  auth: { scheme: 'none' },
  secretLabel: 'Password of the SMTP user (optional for a relay without login)',
  encoding: 'json',
  runsOn: 'server',
});

/** A Message-ID from the effect's key: the same effect always carries the same one. */
async function messageIdOf(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `<${hex.slice(0, 32)}@aios.workspace>`;
}

export const smtpEmailSend = defineCapability({
  id: 'smtp.email.send',
  title: 'Send an email (SMTP)',
  description: 'Hands one email to your SMTP server; runs on the workspace server.',
  sideEffect: 'external-message',
  service: smtpService,
  input: emailInput,
  output: emailOutput,
  // SMTP has no idempotency key: a send cut off mid-way is settled by a person.
  idempotency: 'none',
  // 4xx replies are transient refusals (nothing was accepted); 5xx are permanent.
  retryOn: [421, 450, 451, 452],
  async call(input, { key, x }) {
    const connection = connectionOf(smtpService, x);
    const transport = x.services.smtp;
    if (!transport)
      throw new NodeError(
        'needs-server',
        'SMTP runs on the workspace server: this place has no SMTP transport',
        { path: 'capability', unsent: true },
      );
    if (!connection.baseUrl)
      throw new NodeError(
        'no-base-url',
        'the "smtp" connection has no server URL (smtp://user@host:587)',
        { path: 'connections.smtp.baseUrl', unsent: true },
      );
    const password = connection.secret ? await secretValue(connection.secret, x) : undefined;
    const sent = await transport.send(
      { url: connection.baseUrl, ...(password !== undefined ? { password } : {}) },
      {
        from: input.from,
        to: [input.to],
        cc: input.cc,
        subject: input.subject,
        text: input.body,
        ...(input.html !== undefined ? { html: input.html } : {}),
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        messageId: await messageIdOf(key),
      },
      x.signal,
    );
    return { messageId: sent.messageId };
  },
  preview: emailPreview,
});
