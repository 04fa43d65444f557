import type { McpToolSchemas } from '../../flow/index.ts';

/**
 * Where a host keeps the schema hash each MCP tool had when it was first seen (or last approved),
 * by capability id, with the schemas it was taken of: the worker in IndexedDB, the server in its
 * database. A tool listed later with another hash is refused until a person approves it again.
 */
export interface ToolPins {
  /** Every pinned hash, by capability id (`mcp.<server>.<tool>`). */
  all(): Promise<Readonly<Record<string, string>>>;
  /** Pins `hash` and the `schemas` it was taken of for `id`, replacing what was pinned. */
  set(id: string, hash: string, schemas: McpToolSchemas): Promise<void>;
  /** The schemas pinned with `id`'s hash; undefined when none were kept (an older pin). */
  schemasOf(id: string): Promise<McpToolSchemas | undefined>;
}

/** Pins kept for the life of the process (tests, `aios run` without a store). */
export class MemoryToolPins implements ToolPins {
  private readonly pins = new Map<string, { hash: string; schemas: McpToolSchemas }>();

  all(): Promise<Readonly<Record<string, string>>> {
    return Promise.resolve(
      Object.fromEntries([...this.pins].map(([id, pin]) => [id, pin.hash] as const)),
    );
  }

  set(id: string, hash: string, schemas: McpToolSchemas): Promise<void> {
    this.pins.set(id, { hash, schemas });
    return Promise.resolve();
  }

  schemasOf(id: string): Promise<McpToolSchemas | undefined> {
    return Promise.resolve(this.pins.get(id)?.schemas);
  }
}

/** What is pinned of a listed tool: exactly what its hash covers. */
export function pinnedSchemasOf(tool: {
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown> | undefined;
  readonly annotations?: object | undefined;
}): McpToolSchemas {
  return {
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations ? { annotations: { ...tool.annotations } } : {}),
  };
}
