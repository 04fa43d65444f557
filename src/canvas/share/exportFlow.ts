import type { Flow } from '../../flow/index.ts';

/**
 * A file name from a flow's name.
 * @example fileNameFor('Client article: brief → draft') // 'client-article-brief-draft.json'
 */
function fileNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'flow'}.json`;
}

const flowJson = (flow: Flow) => `${JSON.stringify(flow, null, 2)}\n`;

/** Downloads the flow as a JSON file named after it. */
export function downloadFlow(flow: Flow): void {
  const url = URL.createObjectURL(new Blob([flowJson(flow)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFor(flow.name);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
