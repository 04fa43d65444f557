import { readFile, writeFile } from 'node:fs/promises';
import { importFormats, type ImportFormat } from '../import/report.ts';
import type { CliIo } from './io.ts';

export const importUsage = `aios import FILE [--from n8n|node-red|dify|flowise] -o FLOW.json
  converts an n8n, Node-RED, Dify (YAML) or Flowise export into a flow document and prints what
  became of each node; exit 0 when the flow validates, 1 when it needs fixing (it is still written),
  2 when the file could not be imported (nothing is written)`;

const isFormat = (value: string | undefined): value is ImportFormat =>
  importFormats.some((f) => f === value);

/** `aios import FILE [--from KIND] -o FLOW.json`: converts, writes the flow, prints the report. */
export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let output: string | undefined;
  let from: ImportFormat | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--out') output = args[++i];
    else if (arg === '--from') {
      const value = args[++i];
      if (!isFormat(value)) {
        io.err(
          `aios import: --from takes one of ${importFormats.join(', ')}, not "${value ?? ''}"`,
        );
        return 2;
      }
      from = value;
    } else if (file === undefined) file = arg;
    else {
      io.err(`aios import: unexpected argument "${arg}"\n\n${importUsage}`);
      return 2;
    }
  }
  if (!file || !output) {
    io.err(
      `aios import: ${file ? 'name the output with -o FLOW.json' : 'name the file to import'}\n\n${importUsage}`,
    );
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read it (${error instanceof Error ? error.message : String(error)})`);
    return 2;
  }
  // The importers (and YAML) load only for this command, so other commands start as fast as before.
  const { formatReport, importForeign } = await import('../import/index.ts');
  const result = await importForeign(text, from);
  if (!result.ok) {
    io.err(`${file}: ${result.message}\n  fix: ${result.hint}\nNothing was written.`);
    return 2;
  }
  await writeFile(output, `${JSON.stringify(result.flow, null, 2)}\n`);
  io.out(`${formatReport(result.report)}\n\nWrote ${output}.`);
  return result.valid ? 0 : 1;
}
