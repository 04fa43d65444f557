const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * How long ago something happened, in words.
 * @example ago(now - 120_000, now) // '2 minutes ago'
 */
export function ago(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, ms] of units)
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  return 'just now';
}
