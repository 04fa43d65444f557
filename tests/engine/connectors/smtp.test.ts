import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/engine/index.ts';
import { nodemailerSmtp } from '../../../src/server/smtp.ts';
import { SmtpStandIn } from '../../stand-ins/smtp.ts';
import { callFlow, runWithCrash, serverEngine } from './world.ts';

const email = {
  from: 'ada@studio.test',
  to: 'ceo@globex.test',
  subject: 'Your proposal',
  body: 'Attached, as promised.',
};

describe('SMTP connector through nodemailer, against a real SMTP server on loopback', () => {
  let smtp: SmtpStandIn;
  let store: MemoryStore;
  const world = (password = 'correct horse') => ({
    store,
    connections: { smtp: { baseUrl: smtp.url, secret: 'SMTP_PASSWORD' } },
    secrets: { SMTP_PASSWORD: password },
    smtp: nodemailerSmtp,
  });
  const doc = callFlow('smtp.email.send', email);
  beforeEach(async () => {
    smtp = await new SmtpStandIn('ada', 'correct horse').start();
    store = new MemoryStore();
  });
  afterEach(() => smtp.stop());

  it('logs in and hands over one message, with a Message-ID from the effect key', async () => {
    const record = await (await serverEngine(world()).start(doc, {})).done;
    expect(record.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: email.from, to: [email.to] });
    expect(smtp.received[0]?.data).toContain('Subject: Your proposal');
    const id = /^Message-ID: (<[^>]+>)/im.exec(smtp.received[0]?.data ?? '')?.[1];
    expect(record.result).toMatchObject({ value: { messageId: id } });
  });

  it('says the login was refused (535), and sends nothing', async () => {
    const record = await (await serverEngine(world('wrong')).start(doc, {})).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(/^the SMTP server refused the login \(535\)/);
    expect(smtp.received).toHaveLength(0);
  });

  it('retries a transient 451 refusal and delivers once', async () => {
    smtp.refuseNext = 451;
    const record = await (await serverEngine(world()).start(doc, {})).done;
    expect(record.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
  });

  it('refuses to run where no SMTP transport is given (a browser)', async () => {
    const { smtp: _none, ...bare } = world();
    const record = await (await serverEngine(bare).start(doc, {})).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(/runs on the workspace server/);
  });

  it('asks a person after a crash mid-send instead of sending again', async () => {
    const { record, asked } = await runWithCrash(
      world(),
      doc,
      (kill) => (smtp.onAccepted = kill),
      {},
      () => ({ decision: 'approved' }),
    );
    expect(asked.map((a) => a.request.reason)).toEqual(['outcome']);
    expect(record.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
  });
});
