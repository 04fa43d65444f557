const WINDOW = 160;

/**
 * The part of `text` around the first of `terms` it contains, with every term marked `[…]`, so a
 * user sees why a memory matched. Without terms (a match by meaning only) the text's beginning.
 * @example snippet('We agreed the launch is in May.', ['launch']) // 'We agreed the [launch] is in May.'
 */
export function snippet(text: string, terms: readonly string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = terms.filter((t) => t.length > 0).map(escape);
  const pattern = words.length > 0 ? new RegExp(`\\b(${words.join('|')})`, 'gi') : null;
  const first = pattern ? flat.search(pattern) : -1;
  let start = first < 0 ? 0 : Math.max(0, first - WINDOW / 3);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + WINDOW);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  let out = flat.slice(start, end);
  if (pattern) out = out.replace(pattern, '[$1]');
  return `${start > 0 ? '…' : ''}${out}${end < flat.length ? '…' : ''}`;
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
