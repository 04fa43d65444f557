import type { Catalog } from './catalog.ts';
import { guardUntrusted } from './guard.ts';
import { checkGraph, type ResolvedNode } from './graph.ts';
import { hasErrors, issue, type FlowIssue } from './issues.ts';
import { limits } from './limits.ts';
import { migrate } from './migrate.ts';
import { flowShapeSchema, type Flow } from './schema.ts';
import { didYouMean } from './suggest.ts';
import { fromZod } from './zodIssues.ts';

/** @public What `validateFlow` answers; other tools validate flows with this module (README). */
export type ValidationResult =
  | { readonly ok: true; readonly flow: Flow; readonly issues: readonly FlowIssue[] }
  | { readonly ok: false; readonly issues: readonly FlowIssue[] };

/**
 * Checks an untrusted value as a flow document: guards, migrations, shape, each node's config,
 * then the graph rules. Never throws: every problem comes back as a `FlowIssue`. On success the
 * returned flow is a new object with defaults filled in and node data migrated and parsed.
 * @example
 * const result = validateFlow(JSON.parse(text), catalog);
 * if (!result.ok) for (const i of result.issues) console.log(`${i.path}: ${i.message}`);
 */
export function validateFlow(value: unknown, catalog: Catalog): ValidationResult {
  try {
    return validateUnsafe(value, catalog);
  } catch (error) {
    return fail([
      issue('internal', [], `the validator stopped on an unexpected problem: ${String(error)}`, {
        hint: 'this is a bug; report it with the file',
      }),
    ]);
  }
}

/** Parses JSON text, then validates it; JSON syntax errors name their position. */
export function importFlowText(text: string, catalog: Catalog): ValidationResult {
  if (text.length > limits.textBytes) {
    return fail([
      issue('too-large', [], `the file is ${(text.length / 1e6).toFixed(1)} MB`, {
        hint: `flows are at most ${limits.textBytes / 1024 / 1024} MB`,
      }),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail([
      issue(
        'not-json',
        [],
        `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { hint: 'export flows from AIOS Workspace, or check the file in a JSON validator' },
      ),
    ]);
  }
  return validateFlow(value, catalog);
}

const fail = (issues: FlowIssue[]): ValidationResult => ({ ok: false, issues });

function validateUnsafe(value: unknown, catalog: Catalog): ValidationResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail([
      issue('not-object', [], 'a flow document is a JSON object', {
        hint: 'the file should start with "{"',
      }),
    ]);
  }
  const guarded = guardUntrusted(value);
  if (guarded.length > 0) return fail(guarded);

  const migrated = migrate(value as Record<string, unknown>);
  if (!migrated.ok)
    return fail([issue('version', ['schemaVersion'], migrated.message, { hint: migrated.hint })]);

  const shape = flowShapeSchema.safeParse(migrated.doc);
  if (!shape.success) return fail(fromZod(shape.error, []));
  const flow = shape.data;

  const issues: FlowIssue[] = [];
  const resolved = new Map<string, ResolvedNode>();
  const nodes = flow.nodes.map((node, index) => {
    const info = catalog.kind(node.type);
    if (!info) {
      issues.push(
        issue('unknown-kind', ['nodes', index, 'type'], `unknown node kind "${node.type}"`, {
          hint: didYouMean(node.type, catalog.kindNames, 'kind'),
          nodeId: node.id,
        }),
      );
      return node;
    }
    let data: Record<string, unknown>;
    try {
      data = info.migrate(node.data);
    } catch (error) {
      issues.push(
        issue(
          'kind-version',
          ['nodes', index, 'data', 'version'],
          error instanceof Error ? error.message : String(error),
          { nodeId: node.id },
        ),
      );
      return node;
    }
    const parsed = info.config.safeParse(data);
    if (!parsed.success) {
      issues.push(...fromZod(parsed.error, ['nodes', index, 'data'], node.id));
      return node;
    }
    resolved.set(node.id, {
      index,
      id: node.id,
      info,
      data: parsed.data,
      ports: info.ports(parsed.data),
    });
    return { ...node, data: parsed.data as Record<string, unknown> };
  });
  const result: Flow = { ...flow, nodes };
  issues.push(...checkGraph(result, resolved, catalog));
  return hasErrors(issues) ? fail(issues) : { ok: true, flow: result, issues };
}
