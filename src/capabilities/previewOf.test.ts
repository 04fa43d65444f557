import { describe, expect, it } from 'vitest';
import { isSecretHeader } from './preview.ts';
import { previewOf } from './previewOf.ts';

describe('previewOf', () => {
  it('reads an email by its capability, cc included', () => {
    const p = previewOf(
      { to: 'pat@x.test', subject: 'Re: Export', body: 'Hi\nthere', cc: ['sam@x.test', 3] },
      'email.send',
    );
    expect(p).toEqual({
      kind: 'email',
      to: 'pat@x.test',
      cc: ['sam@x.test'],
      subject: 'Re: Export',
      body: 'Hi\nthere',
    });
  });

  it('totals invoice lines to the cent', () => {
    const p = previewOf(
      {
        customer: 'Acme',
        currency: 'eur',
        lines: [
          { description: 'Workshop', quantity: 3, unitPrice: 0.1 },
          { description: 'Report', quantity: 1, unitPrice: 1200 },
        ],
      },
      'invoice.create',
    );
    if (p.kind !== 'invoice') throw new Error(p.kind);
    expect(p.currency).toBe('EUR');
    expect(p.lines.map((l) => l.amount)).toEqual([0.3, 1200]);
    expect(p.total).toBe(1200.3);
  });

  it('hides credentials of an HTTP request but not its idempotency key', () => {
    const p = previewOf(
      {
        method: 'post',
        url: 'https://api.test/x',
        headers: { Authorization: 'Bearer s3cret', 'Idempotency-Key': 'k1', 'X-Note': 'Bearer t' },
        body: { a: 1 },
      },
      'http.request',
    );
    if (p.kind !== 'http') throw new Error(p.kind);
    expect(p.method).toBe('POST');
    expect(p.headers.map((h) => [h.name, h.hidden])).toEqual([
      ['Authorization', true],
      ['Idempotency-Key', false],
      ['X-Note', true],
    ]);
    expect(p.body).toBe('{\n  "a": 1\n}');
  });

  it('reads a webhook as a POST of its payload', () => {
    const p = previewOf({ url: 'https://h.test', payload: 'x' }, 'webhook.post');
    expect(p).toMatchObject({ kind: 'http', method: 'POST', body: 'x' });
  });

  it('falls back on the shape, then on JSON', () => {
    expect(previewOf({ title: 'T', body: 'B' }).kind).toBe('document');
    expect(previewOf({ to: 'a@b.test', subject: 's', body: 'b' }).kind).toBe('email');
    expect(previewOf({ to: 3 }, 'email.send')).toEqual({ kind: 'json', text: '{\n  "to": 3\n}' });
    expect(previewOf(['a'])).toEqual({ kind: 'json', text: '[\n  "a"\n]' });
    expect(previewOf(undefined)).toEqual({ kind: 'json', text: 'undefined' });
  });

  it('knows which headers carry secrets', () => {
    expect(
      ['x-api-key', 'Cookie', 'X-Auth-Token', 'api_key'].filter((h) => isSecretHeader(h)),
    ).toHaveLength(4);
    expect(['Accept', 'Idempotency-Key', 'Content-Type'].some((h) => isSecretHeader(h))).toBe(
      false,
    );
  });
});
