import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name closest to `input`, if it is close enough to be a likely typo.
 * @example suggest('emial.send', ['email.send', 'notify']) // 'email.send'
 */
function suggest(input: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = input.toLowerCase();
  const exactCase = known.find((k) => k.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const best = closest(input, [...known]);
  const budget = Math.max(2, Math.floor(best.length / 3));
  return distance(input, best) <= budget ? best : undefined;
}

/** "did you mean …?" text for a hint, or a list of what exists when nothing is close. */
export function didYouMean(input: string, known: readonly string[], noun: string): string {
  const guess = suggest(input, known);
  if (guess) return `did you mean "${guess}"?`;
  const shown = known.slice(0, 12).join(', ');
  return `known ${noun}s: ${shown}${known.length > 12 ? ', …' : ''}`;
}
