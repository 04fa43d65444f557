import { flowShapeSchema, importFlowText, migrate } from '../../flow/index.ts';
import type { Flow, FlowIssue } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';

export type ImportOutcome =
  | { readonly ok: true; readonly flow: Flow; readonly issues: readonly FlowIssue[] }
  | { readonly ok: false; readonly issues: readonly FlowIssue[] };

/** Errors about the document itself (JSON, shape, limits) rather than about a node or an edge. */
const blocks = (i: FlowIssue) =>
  i.severity === 'error' &&
  i.nodeId === undefined &&
  i.edgeId === undefined &&
  i.code !== 'no-start';

function parseDraft(text: string): Flow | undefined {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const migrated = migrate(Object.fromEntries(Object.entries(value)));
  if (!migrated.ok) return undefined;
  const shape = flowShapeSchema.safeParse(migrated.doc);
  return shape.success ? shape.data : undefined;
}

/**
 * Reads a flow file. A valid flow comes back ready to run. A well-formed flow that is still being
 * built (a node misconfigured, an edge missing) opens too, with its problems listed, as an editor
 * would open a half-written document. Anything else is refused with the reasons.
 * @example importText('{"nope": 1}') // { ok: false, issues: [...] }
 */
export function importText(text: string): ImportOutcome {
  const result = importFlowText(text, catalog);
  if (result.ok) return result;
  if (result.issues.some(blocks)) return result;
  const draft = parseDraft(text);
  return draft ? { ok: true, flow: draft, issues: result.issues } : result;
}
