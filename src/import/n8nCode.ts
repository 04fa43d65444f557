import type { Draft, DraftNode } from './draft.ts';
import { node, placeholderNode, type Origin } from './make.ts';
import { text } from './sanitize.ts';

/*
 * n8n code reads items (`$input.all()`, `items`, `$json`) and returns a list of `{ json }`. The
 * shim gives it those names over our single input, and turns what it returns back into one value.
 * Everything is on the code's first and last lines, so its line numbers stay the original's.
 */
const PRELUDE =
  'const $input = { all: () => [{ json: input }], first: () => ({ json: input }), last: () => ({ json: input }), item: { json: input } }; const items = $input.all(); const item = input; const $json = input; const __n8n = (() => { ';
const POSTLUDE =
  '\n})(); const __one = (r) => (r && typeof r === "object" && "json" in r ? r.json : r); return Array.isArray(__n8n) ? (__n8n.length === 1 ? __one(__n8n[0]) : __n8n.map(__one)) : __one(__n8n);';

/** n8n Code and Function nodes (JavaScript) become Code nodes; Python has no counterpart here. */
export function n8nCode(
  draft: Draft,
  origin: Origin,
  p: Record<string, unknown>,
  type: string,
): DraftNode {
  const language = text(p, 'javaScript', 'language');
  if (language.startsWith('python'))
    return placeholderNode(
      draft,
      origin,
      p,
      1,
      'Python code cannot run here (the Code node runs JavaScript)',
    );
  const source = text(p, '', type === 'code' ? 'jsCode' : 'functionCode') || 'return items;';
  const made = node(draft, origin, 'code', {
    source: `${PRELUDE}${source}${POSTLUDE}`.slice(0, 100_000),
  });
  draft.record(
    origin.name,
    origin.type,
    'approximated',
    made,
    "runs in the sandbox with n8n-style $input, items and $json over this node's one input; n8n helpers ($now, $env, other nodes) are not there",
  );
  return made;
}
