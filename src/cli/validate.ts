import { readFile } from 'node:fs/promises';
import { importFlowText, type FlowIssue } from '../flow/index.ts';
import { catalog } from '../nodes/index.ts';
import type { CliIo } from './io.ts';

export function formatIssue(i: FlowIssue): string {
  const where = i.path || '(document)';
  return `  ${i.severity === 'error' ? 'error' : 'warning'} ${where}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`;
}

/** `aios validate FILE...`: `ok` or the issues, per file; exit 0 only if every file is valid. */
export async function validateCommand(files: readonly string[], io: CliIo): Promise<number> {
  if (files.length === 0) {
    io.err('usage: aios validate FLOW.json [FLOW.json ...]');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.out(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      failed++;
      continue;
    }
    const result = importFlowText(text, catalog);
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    if (result.ok) {
      io.out(
        `${file}: ok${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}`,
      );
      for (const w of warnings) io.out(formatIssue(w));
    } else {
      failed++;
      const errors = result.issues.filter((i) => i.severity === 'error');
      io.out(`${file}: ${errors.length} error${errors.length > 1 ? 's' : ''}`);
      for (const i of result.issues) io.out(formatIssue(i));
    }
  }
  return failed === 0 ? 0 : 1;
}
