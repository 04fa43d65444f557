import { flowShapeSchema, importFlowText, issue, limits, migrate } from '../../flow/index.ts';
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

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads a flow file someone picked or dropped, with `read` (our format, or any the importers
 * know). One over the size limit is refused by its size, before a byte of it is read, so a huge
 * file cannot freeze the page.
 */
export async function importFile<T extends ImportOutcome>(
  file: Blob,
  read: (text: string) => T | Promise<T>,
): Promise<T | ImportOutcome> {
  if (file.size > limits.textBytes)
    return {
      ok: false,
      issues: [
        issue('too-large', [], `the file is ${megabytes(file.size)}, too large to be a flow`, {
          hint: `flows are at most ${megabytes(limits.textBytes)}; pick the flow's own .json file`,
        }),
      ],
    };
  return read(await file.text());
}

/**
 * Reads the flow a share link carries (`text` as the fragment gave it, undefined when it could
 * not be decompressed). A link that does not decode to JSON was cut off or mangled on the way:
 * it says so, and how to get a good one, rather than quoting a JSON parser.
 */
export function importShared(text: string | undefined): ImportOutcome {
  let json = text !== undefined;
  try {
    if (text !== undefined) JSON.parse(text);
  } catch {
    json = false;
  }
  if (!json)
    return {
      ok: false,
      issues: [
        issue('broken-link', [], 'this share link is broken or cut off', {
          hint: 'Ask for the link again and copy all of it (chat and mail apps sometimes cut long links), or ask for the flow file and import it.',
        }),
      ],
    };
  return importText(text ?? '');
}
