import { describe, expect, it } from 'vitest';
import { parseProgress, tailOf } from '../../src/server/store/progress.ts';

describe('progress announced between processes', () => {
  it('sends a long text as its end, within a notification, and marks the cut', () => {
    const short = 'a draft so far';
    expect(tailOf(short)).toBe(short);
    // Two- and four-byte characters, so a cut by characters alone would not fit.
    const long = `${'é'.repeat(5_000)}${'😀'.repeat(2_000)} the end`;
    const tail = tailOf(long, 6_000);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(6_000);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(5_900);
    expect(tail.startsWith('…')).toBe(true);
    expect(long.endsWith(tail.slice(1))).toBe(true);
    expect(tail.codePointAt(1)).toBe('😀'.codePointAt(0));
  });

  it('hears others, not itself, and ignores what is not progress', () => {
    const payload = JSON.stringify({ origin: 'worker-1', runId: 'r', node: 'draft', text: 'Hi' });
    expect(parseProgress(payload, 'serve-1')).toEqual({ runId: 'r', node: 'draft', text: 'Hi' });
    expect(parseProgress(payload, 'worker-1')).toBeUndefined();
    expect(parseProgress('{"runId":"r"}', 'serve-1')).toBeUndefined();
    expect(parseProgress('not json', 'serve-1')).toBeUndefined();
  });
});
