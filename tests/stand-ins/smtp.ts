import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (`smtp-server`): AUTH PLAIN/LOGIN, messages kept as text. */
export class SmtpStandIn {
  /** Messages accepted, as received (headers and body). */
  readonly received: { from: string; to: string[]; data: string }[] = [];
  /** Reply code to refuse the next message with (e.g. 451 for a transient refusal). */
  refuseNext: number | undefined;
  /** Called when a message was accepted, before the reply is sent. */
  onAccepted: (() => void) | undefined;
  url = '';
  private readonly server: SMTPServer;

  constructor(
    readonly user: string,
    readonly password: string,
  ) {
    this.server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      hideSTARTTLS: true,
      onAuth: (auth, _session, done) =>
        auth.username === user && auth.password === password
          ? done(null, { user })
          : done(Object.assign(new Error('Invalid username or password'), { responseCode: 535 })),
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const refuse = this.refuseNext;
          this.refuseNext = undefined;
          if (refuse !== undefined)
            return done(Object.assign(new Error('Try again later'), { responseCode: refuse }));
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          this.onAccepted?.();
          done();
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://${encodeURIComponent(this.user)}@127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
