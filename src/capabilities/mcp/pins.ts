/**
 * Where a host keeps the schema hash each MCP tool had when it was first seen (or last approved),
 * by capability id: the worker in IndexedDB, the server in its database. A tool listed later with
 * another hash is refused until a person approves it again.
 */
export interface ToolPins {
  /** Every pinned hash, by capability id (`mcp.<server>.<tool>`). */
  all(): Promise<Readonly<Record<string, string>>>;
  /** Pins `hash` for `id`, replacing what was pinned. */
  set(id: string, hash: string): Promise<void>;
}

/** Pins kept for the life of the process (tests, `aios run` without a store). */
export class MemoryToolPins implements ToolPins {
  private readonly pins = new Map<string, string>();

  all(): Promise<Readonly<Record<string, string>>> {
    return Promise.resolve(Object.fromEntries(this.pins));
  }

  set(id: string, hash: string): Promise<void> {
    this.pins.set(id, hash);
    return Promise.resolve();
  }
}
