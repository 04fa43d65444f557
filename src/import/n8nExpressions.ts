import type { Draft } from './draft.ts';
import { propertyChain, type Reference, type Root } from './paths.ts';
import type { Dialect } from './translate.ts';

const NODE_ROOTS = [
  /^\$\(\s*(['"])(.+?)\1\s*\)\s*\.\s*(?:item|first\(\s*\)|last\(\s*\))\s*\.\s*json/,
  /^\$node\s*\[\s*(['"])(.+?)\1\s*\]\s*\.\s*json/,
];
const INPUT_ROOTS = [/^\$json/, /^\$input\s*\.\s*(?:item|first\(\s*\)|last\(\s*\))\s*\.\s*json/];

/**
 * n8n's expressions: `{{ $json.field }}`, `{{ $input.item.json.x }}`, `{{ $('Node').item.json.x }}`
 * and `{{ $node["Node"].json.x }}` are paths we can name; anything else (methods, operators,
 * `$now`, JavaScript) is not translated.
 */
export function n8nDialect(draft: Draft): Dialect {
  const resolve = (inner: string): Reference | undefined => {
    const text = inner.trim();
    for (const pattern of INPUT_ROOTS) {
      const m = pattern.exec(text);
      const path = m ? propertyChain(text.slice(m[0].length)) : undefined;
      if (path) return { root: { kind: 'input' }, path };
    }
    for (const pattern of NODE_ROOTS) {
      const m = pattern.exec(text);
      const id = m?.[2] !== undefined ? draft.idOf(m[2]) : undefined;
      const path = m && id ? propertyChain(text.slice(m[0].length)) : undefined;
      const root: Root | undefined = id ? { kind: 'node', id } : undefined;
      if (root && path) return { root, path };
    }
    return undefined;
  };
  return { name: 'n8n', segment: /\{\{([\s\S]*?)\}\}/, resolve };
}

/** n8n marks a parameter as an expression with a leading `=`; anything else is literal text. */
export function n8nExpressionText(value: unknown): { expression: boolean; text: string } {
  if (typeof value === 'string' && value.startsWith('='))
    return { expression: true, text: value.slice(1) };
  if (typeof value === 'string') return { expression: false, text: value };
  if (value === undefined || value === null) return { expression: false, text: '' };
  return {
    expression: false,
    text: JSON.stringify(value) ?? '',
  };
}
