/** A path into a JSON document, as zod reports it. */
export type JsonPath = readonly (string | number)[];

/** One problem found in a flow document: where, what, and what to do about it. */
export interface FlowIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** JSON path, rendered like `nodes[3].data.capability`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** The node the problem is about, so editors can point at it. */
  readonly nodeId?: string;
  readonly edgeId?: string;
}

/**
 * Renders a JSON path the way people read it.
 * @example formatPath(['nodes', 3, 'data', 'capability']) // 'nodes[3].data.capability'
 */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const text = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(text)
        ? (out ? '.' : '') + text
        : `[${JSON.stringify(text)}]`;
    }
  }
  return out;
}

export function issue(
  code: string,
  path: readonly PropertyKey[],
  message: string,
  extra: { hint?: string; nodeId?: string; edgeId?: string; severity?: 'error' | 'warning' } = {},
): FlowIssue {
  const { severity = 'error', ...rest } = extra;
  return { severity, code, path: formatPath(path), message, ...rest };
}

export const hasErrors = (issues: readonly FlowIssue[]): boolean =>
  issues.some((i) => i.severity === 'error');
