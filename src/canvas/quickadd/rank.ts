/** Ranking for the quick-add menu: every word typed must match, better matches first. */

export interface Searchable {
  /** What the entry is called; matches here count most. */
  readonly title: string;
  /** Description, group, synonyms: matches here count less. */
  readonly keywords: string;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** `query`'s letters appear in `text` in order ("aprv" in "approval"). */
function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === query[i]) i++;
  return i === query.length;
}

/** How well one typed word matches an entry; 0 when it does not. */
function wordScore(word: string, title: string, titleWords: string[], keywords: string[]): number {
  if (title.startsWith(word)) return 100;
  if (titleWords.some((w) => w.startsWith(word))) return 70;
  if (title.includes(word)) return 40;
  if (keywords.some((w) => w.startsWith(word))) return 25;
  if (word.length >= 3 && keywords.some((w) => w.includes(word))) return 10;
  if (word.length >= 2 && titleWords.some((w) => isSubsequence(word, w))) return 5;
  return 0;
}

/** An entry's score for a query: the sum over the query's words, 0 if any word fails to match. */
function score(entry: Searchable, query: string): number {
  const typed = words(query);
  if (typed.length === 0) return 1;
  const title = entry.title.toLowerCase();
  const titleWords = words(entry.title);
  const keywordWords = words(entry.keywords);
  let total = 0;
  for (const word of typed) {
    const s = wordScore(word, title, titleWords, keywordWords);
    if (s === 0) return 0;
    total += s;
  }
  return total;
}

/**
 * The entries matching `query`, best first; equal scores keep the given order, so an empty query
 * lists everything as given.
 * @example rank([{ title: 'Approval', keywords: '' }, { title: 'Agent', keywords: '' }], 'ag')[0]?.title // 'Agent'
 */
export function rank<T extends Searchable>(entries: readonly T[], query: string): T[] {
  return entries
    .map((entry, index) => ({ entry, index, score: score(entry, query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.entry);
}
