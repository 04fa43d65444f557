import { useMemo, useSyncExternalStore } from 'react';
import { z } from 'zod';
import type { Catalog } from '../../flow/index.ts';
import type { McpCatalog, McpToolInfo } from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';
import type { Contract } from './contracts.ts';

let cached: McpCatalog | undefined;
/** Why the last read failed (the workspace server could not be reached, say); null after one that did not. */
let failure: string | null = null;
let reading: Promise<McpCatalog | undefined> | undefined;
const listeners = new Set<() => void>();
let watching = false;

function settle(next: { catalog: McpCatalog } | { failed: string }): void {
  if ('catalog' in next) cached = next.catalog;
  failure = 'failed' in next ? next.failed : null;
  for (const listener of listeners) listener();
}

/**
 * Reads what the MCP servers of the settings offer now (the engine that runs flows lists them);
 * `refresh` asks every server again first. Everyone using `useMcpCatalog` sees the answer, and
 * `useMcpCatalogFailure` why it could not be read.
 */
export async function readMcpCatalog(refresh = false): Promise<McpCatalog | undefined> {
  const read = engine()
    .api.mcpTools({ refresh })
    .then(
      (result) => {
        settle(result.ok ? { catalog: result.value } : { failed: result.error.message });
        return result.ok ? result.value : undefined;
      },
      (error: unknown) => {
        settle({ failed: error instanceof Error ? error.message : String(error) });
        return undefined;
      },
    );
  reading = read;
  return read.finally(() => {
    if (reading === read) reading = undefined;
  });
}

/**
 * Accepts a changed tool as it is listed now, where the engine that runs flows keeps its pins
 * (the worker, or the connected workspace server), then reads the catalog again.
 * @returns why it was refused, or null
 */
export async function approveMcpTool(tool: McpToolInfo): Promise<string | null> {
  const result = await engine().api.mcpApprove({ id: tool.id });
  await readMcpCatalog();
  return result.ok ? null : result.error.message;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!watching) {
    watching = true;
    engine().listen((heard) => {
      if (heard.kind === 'tools' || heard.kind === 'settings' || heard.kind === 'reset')
        void readMcpCatalog();
    });
    if (!reading) void readMcpCatalog();
  }
  return () => void listeners.delete(listener);
}

/** The MCP servers and their tools as the worker has them; undefined until first read. */
export function useMcpCatalog(): McpCatalog | undefined {
  return useSyncExternalStore(subscribe, () => cached);
}

/** Why the catalog's last read failed, or null: what `useMcpCatalog` shows may be older. */
export function useMcpCatalogFailure(): string | null {
  return useSyncExternalStore(subscribe, () => failure);
}

/** Every tool of the catalog, in the servers' order. */
export const mcpToolsOf = (catalog: McpCatalog | undefined): McpToolInfo[] =>
  catalog?.servers.flatMap((s) => s.tools) ?? [];

/**
 * The catalog validation uses, with the MCP tools known now (a changed one is an error on its
 * nodes); without a list yet, MCP ids are left for the worker to check when a run starts.
 */
export function withMcp(base: Catalog, catalog: McpCatalog | undefined): Catalog {
  if (!catalog) return base;
  return {
    ...base,
    externalCapabilities: new Map(
      mcpToolsOf(catalog).map((t) => [t.id, { schemaHash: t.schemaHash, changed: t.changed }]),
    ),
  };
}

/** A JSON Schema from a server as zod, for forms and checks; anything when zod cannot read it. */
function zodOf(schema: Record<string, unknown> | undefined): z.ZodType {
  if (!schema) return z.unknown();
  try {
    return z.fromJSONSchema(schema);
  } catch {
    return z.unknown();
  }
}

const idempotencyHow = {
  'remote-dedupes': 'the remote ignores repeats, so retries are safe',
  'naturally-idempotent': 'its annotations say repeating it changes nothing more',
  none: 'its annotations do not say a repeat is safe: after an unknown outcome you are asked whether it happened',
} as const;

/** An MCP tool's contract, as the registry browser and approvals read contracts. */
function mcpContract(tool: McpToolInfo): Contract {
  return {
    id: tool.id,
    title: tool.title,
    description: tool.description,
    origin: 'mcp',
    sideEffect: tool.sideEffect,
    input: zodOf(tool.inputSchema),
    output: zodOf(tool.outputSchema),
    auth: `the MCP server "${tool.server}" (Connections → MCP), with the secrets it names`,
    idempotency: tool.idempotency,
    idempotencyHow: idempotencyHow[tool.idempotency],
    retryOn: [],
    compensate: null,
    runsOn: 'anywhere',
  };
}

/** The MCP tools' contracts, kept while the catalog stays the same. */
export function useMcpContracts(): readonly Contract[] {
  const catalog = useMcpCatalog();
  return useMemo(() => mcpToolsOf(catalog).map(mcpContract), [catalog]);
}
