import type { FlowIssue } from '../../flow/index.ts';
import type { ImportReport } from '../../import/index.ts';
import { importText, type ImportOutcome } from './importText.ts';

/** An import of any file the workspace reads: its own flows, or another tool's export converted. */
export type AnyImport = ImportOutcome & { readonly conversion?: ImportReport };

/** Our own documents carry `schemaVersion`; anything else may be another tool's export. */
function looksLikeOurs(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'schemaVersion' in value;
  } catch {
    return false;
  }
}

const refusal = (message: string, hint: string): FlowIssue => ({
  severity: 'error',
  code: 'import',
  path: '',
  message,
  hint,
});

/**
 * Reads a flow file, or converts an n8n, Node-RED, Dify or Flowise export (the importers load only
 * then). A conversion opens like any flow file (a draft with its problems listed, or refused with
 * nothing changed) and brings its report of what became of each original node.
 */
export async function importAny(text: string): Promise<AnyImport> {
  const own = importText(text);
  if (own.ok || looksLikeOurs(text)) return own;
  const { importForeign } = await import('../../import/index.ts');
  const converted = await importForeign(text);
  if (!converted.ok) {
    // JSON that is no one's export: what our own format says about it is the clearer answer; text
    // that is not JSON at all was read as YAML (Dify's DSL), so that reading says what is wrong.
    const json = /^\s*[[{]/.test(text);
    return converted.format || !json
      ? { ok: false, issues: [refusal(converted.message, converted.hint)] }
      : own;
  }
  const opened = importText(JSON.stringify(converted.flow));
  return { ...opened, conversion: converted.report };
}
