import { createTransport } from 'nodemailer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { NodeError, type SmtpTransport } from '../engine/contract/index.ts';

/** The SMTP connection options a connection's URL (`smtp://user@host:587`, `smtps://…`) names. */
function optionsOf(url: string, password: string | undefined): SMTPConnection.Options {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NodeError('bad-connection', `the "smtp" connection's URL is not a URL: ${url}`, {
      path: 'connections.smtp.baseUrl',
      unsent: true,
    });
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new NodeError(
      'bad-connection',
      `the "smtp" connection's URL must start with smtp:// or smtps://, not ${parsed.protocol}//`,
      { path: 'connections.smtp.baseUrl', unsent: true },
    );
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: password ?? '' } } : {}),
  };
}

const isSmtpError = (error: unknown): error is SMTPConnection.SMTPError =>
  error instanceof Error && 'code' in error;

/** A refusal as a `NodeError`: a reply code means nothing was sent; no connection, neither. */
function explain(error: unknown): unknown {
  if (!isSmtpError(error)) return error;
  const said = (error.response ?? error.message).trim();
  if (typeof error.responseCode === 'number') {
    const code = error.responseCode;
    const what =
      error.code === 'EAUTH'
        ? `the SMTP server refused the login (${code}); check the "smtp" connection's user and password`
        : `the SMTP server refused the message (${code})`;
    return new NodeError('smtp', `${what}: ${said}`, {
      status: code,
      retryable: code >= 400 && code < 500,
    });
  }
  if (error.command === 'CONN')
    return new NodeError('network', `the SMTP server did not answer: ${said}`, {
      retryable: true,
      unsent: true,
    });
  return error;
}

/** SMTP over nodemailer, for the server and the CLI (never in the browser build). */
export const nodemailerSmtp: SmtpTransport = {
  async send(server, message, signal) {
    const transport = createTransport(optionsOf(server.url, server.password));
    const abort = () => transport.close();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from: message.from,
        to: [...message.to],
        cc: [...message.cc],
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        messageId: message.messageId,
      });
      return {
        messageId: info.messageId,
        accepted: [...info.accepted],
      };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw explain(error);
    } finally {
      signal.removeEventListener('abort', abort);
      transport.close();
    }
  },
};
