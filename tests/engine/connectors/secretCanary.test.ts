import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiCompatible } from '../../../src/agents/index.ts';
import {
  ManualClock,
  MemoryStore,
  SecretMask,
  maskingStore,
  recordingSecrets,
} from '../../../src/engine/index.ts';
import { VolatileMemory } from '../../../src/memory/volatile.ts';
import { createEngine } from '../../../src/nodes/runtime.ts';
import { nodemailerSmtp } from '../../../src/server/smtp.ts';
import { PostmarkStandIn } from '../../stand-ins/postmark.ts';
import { ResendStandIn } from '../../stand-ins/resend.ts';
import { SmtpStandIn } from '../../stand-ins/smtp.ts';
import { StripeStandIn } from '../../stand-ins/stripe.ts';
import { callFlow } from './world.ts';

const CANARY = 'canary-7c1e5b9a3d2f4e60';
const WRONG = 'canary-wrong-0f9e8d7c6b5a';
const email = { from: 'ada@studio.test', to: 'ceo@globex.test', subject: 'Hi', body: 'Hello' };

describe('a connector secret appears in no event, ledger entry, run record or error', () => {
  let stripe: StripeStandIn;
  let resend: ResendStandIn;
  let postmark: PostmarkStandIn;
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    stripe = await new StripeStandIn(CANARY).start();
    stripe.customers.push({ id: 'cus_1', object: 'customer', email: 'ceo@globex.test' });
    resend = await new ResendStandIn(CANARY).start();
    postmark = await new PostmarkStandIn(CANARY).start();
    smtp = await new SmtpStandIn('ada', CANARY).start();
  });
  afterAll(() => Promise.all([stripe, resend, postmark, smtp].map((s) => s.stop())));

  /** Runs `doc` with every connection's secret set to `secret`; returns all that was kept. */
  async function everything(doc: ReturnType<typeof callFlow>, secret: string) {
    const inner = new MemoryStore();
    const mask = new SecretMask();
    const store = maskingStore(inner, mask);
    const engine = createEngine({
      store,
      services: {
        place: 'server',
        clock: new ManualClock(),
        fetch,
        llm: openAiCompatible({}),
        memory: new VolatileMemory(),
        connections: {
          stripe: { baseUrl: stripe.url, secret: 'KEY' },
          resend: { baseUrl: resend.url, secret: 'KEY' },
          postmark: { baseUrl: postmark.url, secret: 'KEY' },
          smtp: { baseUrl: smtp.url, secret: 'KEY' },
        },
        secrets: recordingSecrets({ get: () => Promise.resolve(secret) }, mask),
        smtp: nodemailerSmtp,
      },
    });
    const record = await (
      await engine.start(doc, {
        lines: [{ description: 'Work', quantity: 1, unitPrice: 10 }],
      })
    ).done;
    return {
      record,
      text: JSON.stringify([
        await inner.events(record.id),
        await inner.effects(record.id),
        await inner.getRun(record.id),
        await inner.checkpoints(record.id, { from: 0, to: Number.MAX_SAFE_INTEGER }),
        record,
      ]),
    };
  }

  const flows = {
    stripe: callFlow('stripe.invoice.create', {
      customer: 'cus_1',
      currency: 'usd',
      lines: '{{ run.input.lines }}',
    }),
    resend: callFlow('resend.email.send', email),
    postmark: callFlow('postmark.email.send', email),
    smtp: callFlow('smtp.email.send', email),
  };

  it.each(Object.entries(flows))('%s: succeeding and refused', async (_name, doc) => {
    const ok = await everything(doc, CANARY);
    expect(ok.record.status).toBe('succeeded');
    expect(ok.text).not.toContain(CANARY);
    const refused = await everything(doc, WRONG);
    expect(refused.record.status).toBe('failed');
    expect(refused.text).not.toContain(WRONG);
    // Stripe quotes the refused key's last four characters, never the whole key.
    expect(refused.text).not.toContain(btoa(WRONG));
  });
});
