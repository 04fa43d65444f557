import { readFile } from 'node:fs/promises';
import { importFlowText, type Flow } from '../flow/index.ts';
import { catalog } from '../nodes/index.ts';
import type { CliIo } from './io.ts';
import { formatIssue } from './validate.ts';

/** Reads and validates one flow file, printing why when it cannot be used. */
export async function loadFlowFile(file: string | undefined, io: CliIo): Promise<Flow | undefined> {
  if (!file) {
    io.err('a flow file is needed');
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return undefined;
  }
  const result = importFlowText(text, catalog);
  if (!result.ok) {
    io.err(`${file}: not a valid flow`);
    for (const issue of result.issues) io.err(formatIssue(issue));
    return undefined;
  }
  return result.flow;
}
