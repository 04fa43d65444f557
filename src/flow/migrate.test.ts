import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';

describe('migrate', () => {
  it('leaves current documents alone', () => {
    const doc = { schemaVersion: 1, name: 'x' };
    expect(migrate(doc)).toEqual({ ok: true, doc, from: 1 });
  });

  it('runs a chain step by step, stamping each version', () => {
    const chain = {
      1: (d: Record<string, unknown>) => ({ ...d, title: d['name'] }),
      2: (d: Record<string, unknown>) => ({ ...d, steps: 'v3' }),
    };
    const result = migrate({ schemaVersion: 1, name: 'old' }, chain, 3);
    expect(result).toEqual({
      ok: true,
      from: 1,
      doc: { schemaVersion: 3, name: 'old', title: 'old', steps: 'v3' },
    });
  });

  it('says when a step is missing', () => {
    expect(migrate({ schemaVersion: 1 }, {}, 2)).toMatchObject({
      ok: false,
      message: 'no migration from format 1',
    });
  });
});
