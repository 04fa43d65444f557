/** One memory cut from a markdown document. */
interface MarkdownChunk {
  readonly text: string;
  /** The headings above it, outermost first. */
  readonly headings: readonly string[];
}

/**
 * Cuts markdown into memories: one per paragraph or list item, each prefixed with the heading it
 * sits under so it still makes sense alone. Front matter and code fences are skipped.
 * @example splitMarkdown('# Acme\n\n- Prefers blue\n- Pays late') // 2 chunks, 'Acme: Prefers blue'…
 */
export function splitMarkdown(source: string): MarkdownChunk[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const chunks: MarkdownChunk[] = [];
  const headings: string[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  let at = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) at = end + 1;
  }
  const flush = () => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    paragraph = [];
    if (!text) return;
    const context = headings.filter(Boolean).at(-1);
    chunks.push({
      text: context ? `${context}: ${text}` : text,
      headings: headings.filter(Boolean),
    });
  };
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      headings.length = level;
      headings[level - 1] = heading[2]!;
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      paragraph.push(item[1]!);
      continue;
    }
    if (!line.trim()) flush();
    else paragraph.push(line.trim());
  }
  flush();
  return chunks;
}
