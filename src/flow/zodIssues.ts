import type { z } from 'zod';
import { issue, type FlowIssue, type JsonPath } from './issues.ts';

/** Turns zod's issues into ours, rooted at `base`, with a hint where one helps. */
export function fromZod(error: z.ZodError, base: JsonPath, nodeId?: string): FlowIssue[] {
  return error.issues.map((zi) => {
    const path = [...base, ...(zi.path as (string | number)[])];
    const extra = nodeId ? { nodeId } : {};
    if (zi.code === 'unrecognized_keys') {
      const keys = zi.keys.map((k) => `"${k}"`).join(', ');
      return issue('unknown-field', path, `unknown field${zi.keys.length > 1 ? 's' : ''} ${keys}`, {
        hint: 'remove it, or check its spelling against the documented fields',
        ...extra,
      });
    }
    if (zi.code === 'invalid_type' && /received undefined/.test(zi.message)) {
      return issue('missing-field', path, 'is required', {
        hint: `expected ${zi.expected}`,
        ...extra,
      });
    }
    return issue('invalid-value', path, zi.message, extra);
  });
}
