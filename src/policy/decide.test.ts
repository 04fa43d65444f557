import { describe, expect, it } from 'vitest';
import { policiesSchema } from '../flow/index.ts';
import { decide } from './decide.ts';

const policies = (raw: unknown) => policiesSchema.parse(raw);
const send = { capability: 'email.send', sideEffect: 'external-message' as const };

describe('decide', () => {
  it('falls back to safe defaults: money and destructive calls ask, the rest is allowed', () => {
    const none = policies({});
    expect(decide(none, send)).toMatchObject({ decision: 'allow', rule: null });
    expect(decide(none, { capability: 'invoice.create', sideEffect: 'money' })).toMatchObject({
      decision: 'approve',
      rule: null,
    });
    expect(decide(none, { capability: 'files.delete', sideEffect: 'destructive' })).toMatchObject({
      decision: 'approve',
    });
  });

  it('prefers a rule naming the capability over one naming its class', () => {
    const p = policies({
      rules: [
        { id: 'class', sideEffect: 'external-message', decision: 'deny' },
        { id: 'exact', capability: 'email.send', decision: 'allow' },
      ],
    });
    expect(decide(p, send)).toMatchObject({ decision: 'allow', rule: 'exact' });
    expect(decide(p, { capability: 'webhook.post', sideEffect: 'external-message' })).toMatchObject(
      { decision: 'deny', rule: 'class' },
    );
  });

  it('escalates to approval below the confidence threshold, and when confidence is unknown', () => {
    const p = policies({
      rules: [{ id: 'sure', capability: 'email.send', decision: 'allow', minConfidence: 0.8 }],
    });
    expect(decide(p, { ...send, confidence: 0.9 })).toMatchObject({ decision: 'allow' });
    expect(decide(p, { ...send, confidence: 0.5 })).toMatchObject({
      decision: 'approve',
      rule: 'sure',
      reason: 'confidence 0.50 is below 0.8',
    });
    expect(decide(p, send)).toMatchObject({
      decision: 'approve',
      reason: 'confidence unknown is below 0.8',
    });
  });

  it('asks once a budget is spent', () => {
    const p = policies({ budgets: { externalMessages: 2, money: 1000 } });
    expect(decide(p, send, undefined, { externalMessages: 1, money: 0 })).toMatchObject({
      decision: 'allow',
    });
    expect(decide(p, send, undefined, { externalMessages: 2, money: 0 })).toMatchObject({
      decision: 'approve',
      rule: 'budget.externalMessages',
    });
    const allowMoney = policies({
      rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }],
      budgets: { money: 1000 },
    });
    expect(
      decide(allowMoney, { capability: 'invoice.create', sideEffect: 'money' }, undefined, {
        externalMessages: 0,
        money: 1200,
      }),
    ).toMatchObject({ decision: 'approve', rule: 'budget.money' });
  });
});
