import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/engine/index.ts';
import { PostmarkStandIn } from '../../stand-ins/postmark.ts';
import { ResendStandIn } from '../../stand-ins/resend.ts';
import { callFlow, runWithCrash, serverEngine } from './world.ts';

const email = {
  from: 'Ada <ada@studio.test>',
  to: 'ceo@globex.test',
  subject: 'Your proposal',
  body: 'Attached, as promised.',
};

describe('Resend connector against its stand-in', () => {
  const KEY = 're_123456789_abcdefghijklmnop';
  let resend: ResendStandIn;
  let store: MemoryStore;
  const world = (secret = KEY) => ({
    store,
    connections: { resend: { baseUrl: resend.url, secret: 'RESEND_API_KEY' } },
    secrets: { RESEND_API_KEY: secret },
  });
  const doc = callFlow('resend.email.send', email);
  beforeEach(async () => {
    resend = await new ResendStandIn(KEY).start();
    store = new MemoryStore();
  });
  afterEach(() => resend.stop());

  it('sends one email as JSON with the bearer key and the effect key', async () => {
    const record = await (await serverEngine(world()).start(doc, {})).done;
    expect(record.status).toBe('succeeded');
    expect(JSON.stringify(record.result)).toMatch(/"messageId":"4ef9a417-/);
    expect(resend.sent).toEqual([
      { from: email.from, to: [email.to], subject: email.subject, text: email.body },
    ]);
    const [request] = resend.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['idempotency-key']).toBe(`${record.id}/call/1`);
  });

  it('says the key was refused on a 401', async () => {
    const record = await (await serverEngine(world('re_wrong')).start(doc, {})).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(/^Resend refused the key \(401\): API key is invalid/);
    expect(resend.sent).toHaveLength(0);
  });

  it("waits for a 429's Retry-After, and retries a 500 with the same key", async () => {
    resend.failNext(/^\/emails$/, 429, { retryAfter: '3' });
    resend.failNext(/^\/emails$/, 500);
    const record = await (await serverEngine(world()).start(doc, {})).done;
    expect(record.status).toBe('succeeded');
    const delays = (await store.events(record.id)).flatMap((e) =>
      e.type === 'node.retrying' ? [e.delayMs] : [],
    );
    expect(delays[0]).toBe(3000);
    expect(resend.requests.map((r) => r.headers['idempotency-key'])).toEqual(
      Array(3).fill(`${record.id}/call/1`),
    );
    expect(resend.sent).toHaveLength(1);
  });

  it('replays after a crash mid-call and sends exactly one email', async () => {
    const { record, died } = await runWithCrash(world(), doc, (kill) => (resend.onApplied = kill));
    expect(died).toBe(true);
    expect(record.status).toBe('succeeded');
    expect(resend.requests).toHaveLength(2);
    expect(resend.sent).toHaveLength(1);
  });

  it('words a key reused with another message, and sends nothing', async () => {
    const keyed = (subject: string) => {
      const d = callFlow('resend.email.send', { ...email, subject });
      return {
        ...d,
        nodes: d.nodes.map((n) =>
          n.id === 'call' ? { ...n, data: { ...n.data, idempotencyKey: 'k1' } } : n,
        ),
      };
    };
    await (
      await serverEngine(world()).start(keyed('One'), {})
    ).done;
    const other = serverEngine({ ...world(), store: new MemoryStore() });
    const record = await (await other.start(keyed('Two'), {})).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /^Resend refused a repeated send with a different message/,
    );
    expect(resend.sent).toHaveLength(1);
  });
});

describe('Postmark connector against its stand-in', () => {
  const TOKEN = 'pm-server-token-0123456789';
  let postmark: PostmarkStandIn;
  let store: MemoryStore;
  const world = (secret = TOKEN) => ({
    store,
    connections: { postmark: { baseUrl: postmark.url, secret: 'POSTMARK_TOKEN' } },
    secrets: { POSTMARK_TOKEN: secret },
  });
  const doc = callFlow('postmark.email.send', email);
  beforeEach(async () => {
    postmark = await new PostmarkStandIn(TOKEN).start();
    store = new MemoryStore();
  });
  afterEach(() => postmark.stop());

  it('sends one email with the server token header and its documented fields', async () => {
    const record = await (await serverEngine(world()).start(doc, {})).done;
    expect(record.status).toBe('succeeded');
    expect(postmark.sent).toEqual([
      {
        From: email.from,
        To: email.to,
        Subject: email.subject,
        TextBody: email.body,
        MessageStream: 'outbound',
      },
    ]);
    expect(postmark.requests[0]?.headers['x-postmark-server-token']).toBe(TOKEN);
    expect(postmark.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('says the token was refused on a 401, with ErrorCode 10', async () => {
    const record = await (await serverEngine(world('wrong')).start(doc, {})).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /^Postmark refused the key \(401\): The Server Token .* \(ErrorCode 10\)/,
    );
  });

  it("waits for a 429's Retry-After, but does not resend after a 500 (it may have gone out)", async () => {
    postmark.failNext(/^\/email$/, 429, { retryAfter: '2' });
    const ok = await (await serverEngine(world()).start(doc, {})).done;
    expect(ok.status).toBe('succeeded');
    expect(postmark.requests).toHaveLength(2);
    postmark.failNext(/^\/email$/, 500);
    const failed = await (await serverEngine(world()).start(doc, {})).done;
    expect(failed.status).toBe('failed');
    expect(postmark.requests).toHaveLength(3);
  });

  it('asks a person after a crash mid-call instead of sending again', async () => {
    const { record, asked } = await runWithCrash(
      world(),
      doc,
      (kill) => (postmark.onApplied = kill),
      {},
      () => ({ decision: 'approved' }),
    );
    expect(asked.map((a) => a.request.reason)).toEqual(['outcome']);
    expect(record.status).toBe('succeeded');
    expect(postmark.sent).toHaveLength(1);
    expect(postmark.requests).toHaveLength(1);
  });
});
