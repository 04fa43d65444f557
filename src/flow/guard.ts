import { issue, type FlowIssue } from './issues.ts';
import { limits } from './limits.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks untrusted JSON before any schema sees it: rejects prototype-polluting keys at any depth,
 * too deep nesting and oversized strings. Iterative, so a hostile depth cannot overflow the stack.
 */
export function guardUntrusted(value: unknown): FlowIssue[] {
  const found: FlowIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < 50) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.length > limits.stringLength) {
        found.push(
          issue('string-too-long', path, `text is ${current.length} characters long`, {
            hint: `keep each text under ${limits.stringLength} characters`,
          }),
        );
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= limits.depth) {
      found.push(
        issue('too-deep', path, `nesting deeper than ${limits.depth} levels`, {
          hint: 'flatten this value; flow documents never need such depth',
        }),
      );
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) {
        found.push(
          issue('forbidden-key', [...path, key], `the key "${key}" is not allowed`, {
            hint: 'remove it: such keys can alter object prototypes and are never part of a flow',
          }),
        );
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return found;
}
