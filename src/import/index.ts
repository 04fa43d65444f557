import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { assemble } from './assemble.ts';
import { detectFormat } from './detect.ts';
import { difyFileSchema, importDify } from './dify.ts';
import { Draft } from './draft.ts';
import { flowiseFileSchema, importFlowise } from './flowise.ts';
import { importN8n, n8nFileSchema } from './n8n.ts';
import { importNodeRed, nodeRedFileSchema } from './nodeRed.ts';
import { formatNames, type ImportFormat, type ImportReport } from './report.ts';

export { formatReport, summarize } from './report.ts';
export type { ImportFormat, ImportReport, ReportEntry } from './report.ts';

/** Files larger than this are refused before parsing. */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
const MAX_YAML_ALIASES = 50;

type ForeignImport =
  | {
      readonly ok: true;
      readonly format: ImportFormat;
      /** The flow document (validated when `valid`; otherwise what the import built, to fix). */
      readonly flow: Record<string, unknown>;
      readonly valid: boolean;
      readonly report: ImportReport;
    }
  | {
      readonly ok: false;
      readonly format?: ImportFormat;
      readonly message: string;
      readonly hint: string;
    };

const refuse = (message: string, hint: string, format?: ImportFormat): ForeignImport => ({
  ok: false,
  message,
  hint,
  ...(format ? { format } : {}),
});

/**
 * Parses text as JSON, or as YAML (Dify's DSL) with the core schema only: no custom tags, a few
 * aliases at most (against "billion laughs"), duplicate keys refused.
 */
function parseText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return {
        ok: false,
        message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const doc = parseDocument(text, {
    schema: 'core',
    customTags: [],
    uniqueKeys: true,
    prettyErrors: false,
  });
  const [problem] = [...doc.errors, ...doc.warnings];
  if (problem)
    return { ok: false, message: `not valid YAML: ${problem.message.split('\n')[0] ?? ''}` };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown };
  } catch (error) {
    return {
      ok: false,
      message: `YAML refused: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function parsed<T>(
  schema: z.ZodType<T>,
  value: unknown,
  format: ImportFormat,
): { ok: true; value: T } | { ok: false; result: ForeignImport } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const [first] = result.error.issues;
  const where = first?.path.length ? first.path.join('.') : 'the file';
  return {
    ok: false,
    result: refuse(
      `this ${formatNames[format]} file does not have the expected shape: ${where}: ${first?.message ?? 'invalid'}`,
      `export the ${format === 'dify' ? 'app DSL' : 'workflow'} again from ${formatNames[format]}, unedited`,
      format,
    ),
  };
}

async function convert(value: unknown, format: ImportFormat): Promise<ForeignImport> {
  const draft = new Draft(format);
  let meta: { name: string; description: string; scale: { x: number; y: number } };
  switch (format) {
    case 'n8n': {
      const file = parsed(n8nFileSchema, value, format);
      if (!file.ok) return file.result;
      meta = { ...importN8n(draft, file.value), scale: { x: 1.3, y: 1.3 } };
      break;
    }
    case 'node-red': {
      const file = parsed(nodeRedFileSchema, value, format);
      if (!file.ok) return file.result;
      meta = { ...importNodeRed(draft, file.value), scale: { x: 1.6, y: 2.4 } };
      break;
    }
    case 'dify': {
      const file = parsed(difyFileSchema, value, format);
      if (!file.ok) return file.result;
      meta = { ...importDify(draft, file.value), scale: { x: 1, y: 1 } };
      break;
    }
    case 'flowise': {
      const file = parsed(flowiseFileSchema, value, format);
      if (!file.ok) return file.result;
      meta = { ...importFlowise(draft, file.value), scale: { x: 1.1, y: 1.1 } };
      break;
    }
  }
  if (draft.nodes.length === 0)
    return refuse(
      `this ${formatNames[format]} file has no nodes to import`,
      'export a workflow that has nodes',
      format,
    );
  const done = await assemble(draft, meta);
  return { ok: true, format, ...done };
}

/**
 * Converts an n8n, Node-RED, Dify or Flowise export into a flow document and a report of what
 * became of each node. Never throws: a broken or hostile file comes back as a reason and a fix.
 * @example const result = await importForeign(text); if (result.ok) console.log(summarize(result.report));
 */
export async function importForeign(text: string, from?: ImportFormat): Promise<ForeignImport> {
  try {
    if (text.length > MAX_IMPORT_CHARS)
      return refuse(
        `the file is ${(text.length / 1e6).toFixed(1)} MB`,
        `imports are at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB`,
      );
    const value = parseText(text);
    if (!value.ok) return refuse(value.message, 'check that the file is a complete export');
    const format = from ?? detectFormat(value.value);
    if (!format)
      return refuse(
        'this file is not a flow of this workspace, nor an n8n, Node-RED, Dify or Flowise export',
        'export the workflow from its tool (n8n: Download; Node-RED: Export → JSON; Dify: Export DSL; Flowise: Export agentflow)',
      );
    return await convert(value.value, format);
  } catch (error) {
    return refuse(
      `the importer stopped on an unexpected problem: ${error instanceof Error ? error.message : String(error)}`,
      'this is a bug; report it with the file',
      from,
    );
  }
}
