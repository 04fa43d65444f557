import { describe, expect, it } from 'vitest';
import { cronProblem, firingsBetween, nextFiring, triggerSchema } from './triggers.ts';

const schedule = (cron: string, timezone = 'UTC') =>
  triggerSchema.parse({ type: 'schedule', cron, timezone });

describe('triggers', () => {
  it('refuses a bad cron expression and says how to write one', () => {
    expect(cronProblem('0 9 * * 1')).toBeUndefined();
    expect(cronProblem('61 * * * *')).toMatch(/minute/);
    const result = triggerSchema.safeParse({ type: 'schedule', cron: 'every monday' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/five fields such as "0 9 \* \* 1"/);
  });

  it('refuses a time zone the runtime does not know', () => {
    const result = triggerSchema.safeParse({
      type: 'schedule',
      cron: '0 9 * * 1',
      timezone: 'Mars/Base',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['timezone']);
  });

  it('refuses fields of another trigger type', () => {
    expect(triggerSchema.safeParse({ type: 'manual', cron: '0 9 * * 1' }).success).toBe(false);
    expect(triggerSchema.safeParse({ type: 'webhook' }).success).toBe(false);
  });

  it('fires in the trigger time zone, across a daylight-saving change', () => {
    const t = schedule('0 9 * * *', 'Europe/Berlin');
    if (t.type !== 'schedule') throw new Error('schedule');
    // Berlin leaves summer time on 25 October 2026: 9:00 is 07:00Z before and 08:00Z after.
    const firings = firingsBetween(
      t,
      new Date('2026-10-24T00:00:00Z'),
      new Date('2026-10-26T23:00:00Z'),
    );
    expect(firings.map((d) => d.toISOString())).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
    expect(nextFiring(t, new Date('2026-10-26T08:00:00Z'))?.toISOString()).toBe(
      '2026-10-27T08:00:00.000Z',
    );
  });

  it('bounds how many firings it lists', () => {
    const t = schedule('* * * * *');
    if (t.type !== 'schedule') throw new Error('schedule');
    const day = firingsBetween(
      t,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-02T00:00:00Z'),
      10,
    );
    expect(day).toHaveLength(10);
  });
});
