import type { FlowIssue } from '../flow/index.ts';

/** The formats the importers read. */
export const importFormats = ['n8n', 'node-red', 'dify', 'flowise'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const formatNames: Readonly<Record<ImportFormat, string>> = {
  n8n: 'n8n',
  'node-red': 'Node-RED',
  dify: 'Dify',
  flowise: 'Flowise',
};

/**
 * What became of one original node. `mapped`: same meaning here. `approximated`: close, with the
 * difference in `note`. `placeholder`: no counterpart; kept as a placeholder node that must be
 * replaced. `not-carried`: nothing on the canvas stands for it (a comment, a config node), said why.
 */
export type EntryOutcome = 'mapped' | 'approximated' | 'placeholder' | 'not-carried';

export interface ReportEntry {
  /** The original node's name (or id when it had none). */
  readonly original: string;
  readonly originalType: string;
  readonly outcome: EntryOutcome;
  /** The node that stands for it here. */
  readonly nodeId?: string;
  readonly kind?: string;
  readonly note?: string;
}

/** An expression found in the original: translated into ours, or kept verbatim and flagged. */
export interface ReportExpression {
  readonly nodeId: string;
  readonly field: string;
  readonly original: string;
  /** Absent when it was not translated: the original is kept in the field, marked untranslated. */
  readonly translated?: string;
}

/** A credential the original used: named so it can be set up here, never imported. */
export interface ReportCredential {
  readonly original: string;
  readonly type: string;
  readonly name: string;
  /** The vault secret the imported node expects, when it names one. */
  readonly secret?: string;
}

export interface ImportReport {
  readonly format: ImportFormat;
  readonly name: string;
  readonly entries: readonly ReportEntry[];
  readonly expressions: readonly ReportExpression[];
  readonly credentials: readonly ReportCredential[];
  /** Notes about the flow as a whole (triggers merged, tabs, nodes added, parts not carried). */
  readonly notes: readonly string[];
  /** What validation of the result found; empty when the flow is ready to run. */
  readonly issues: readonly FlowIssue[];
}

const count = (report: ImportReport, outcome: EntryOutcome) =>
  report.entries.filter((e) => e.outcome === outcome).length;

/** One line: how many nodes were mapped, approximated, left as placeholders or not carried. */
export function summarize(report: ImportReport): string {
  const parts = [
    `${count(report, 'mapped')} mapped`,
    `${count(report, 'approximated')} approximated`,
    `${count(report, 'placeholder')} placeholders`,
    `${count(report, 'not-carried')} not carried`,
  ];
  const untranslated = report.expressions.filter((e) => e.translated === undefined).length;
  if (untranslated > 0) parts.push(`${untranslated} expressions kept verbatim`);
  if (report.credentials.length > 0)
    parts.push(`${report.credentials.length} credentials to set up`);
  return `${formatNames[report.format]} “${report.name}”: ${parts.join(', ')}`;
}

/** The report as text for the terminal (`aios import`). */
export function formatReport(report: ImportReport): string {
  const lines = [summarize(report), ''];
  for (const e of report.entries) {
    const to = e.nodeId ? ` → ${e.kind} "${e.nodeId}"` : '';
    lines.push(
      `  ${e.outcome.padEnd(12)} ${e.original} (${e.originalType})${to}${e.note ? `: ${e.note}` : ''}`,
    );
  }
  const flagged = report.expressions.filter((e) => e.translated === undefined);
  if (flagged.length > 0) {
    lines.push('', 'Expressions kept verbatim (marked "untranslated"; rewrite them):');
    for (const e of flagged) lines.push(`  ${e.nodeId} ${e.field}: ${e.original}`);
  }
  if (report.credentials.length > 0) {
    lines.push('', 'Credentials (never imported; add them to the vault):');
    for (const c of report.credentials)
      lines.push(
        `  ${c.original}: ${c.type} "${c.name}"${c.secret ? ` → secret ${c.secret}` : ''}`,
      );
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `Note: ${n}`));
  if (report.issues.length > 0) {
    lines.push('', 'To fix before it runs:');
    for (const i of report.issues)
      lines.push(
        `  ${i.severity} ${i.path || '(document)'}: ${i.message}${i.hint ? ` (fix: ${i.hint})` : ''}`,
      );
  } else lines.push('', 'The flow validates and is ready to run.');
  return lines.join('\n');
}
