import type { z } from 'zod';
import type { JsonPath } from './issues.ts';
import type { Ports } from './ports.ts';

/** What the flow validator needs to know about one node kind. `src/nodes` provides it. */
export interface KindInfo {
  readonly kind: string;
  /** Current version of the kind's config (`data.version`). */
  readonly version: number;
  /** Parses and defaults a node's `data` at the current version. */
  readonly config: z.ZodType;
  /** Handles of a node with this (parsed) data. */
  ports(data: unknown): Ports;
  /** Brings `data` written at an older version up to `version`; throws with a reason if it cannot. */
  migrate(data: Record<string, unknown>): Record<string, unknown>;
  /** Capabilities the (parsed) data names, with the path of each inside `data`. */
  capabilityRefs(data: unknown): readonly { path: JsonPath; id: string }[];
  /** At most one node of this kind per flow (the start node). */
  readonly singleton?: boolean;
  /** A flow must contain exactly one node of this kind. */
  readonly entry?: boolean;
  /** A run may end at this kind's node (it has no outputs by design). */
  readonly terminal?: boolean;
}

/** Everything validation looks names up in. */
export interface Catalog {
  kind(name: string): KindInfo | undefined;
  readonly kindNames: readonly string[];
  /** Ids of the capabilities that ship with the workspace. */
  readonly builtinCapabilities: readonly string[];
  /** Where a built-in capability can run; `server` ones are flagged when validating for a browser. */
  capabilityRunsOn?(id: string): 'anywhere' | 'server';
  /**
   * Capabilities offered from elsewhere (MCP servers' tools), by id, each with the hash of its
   * schemas as listed now and whether it changed since a person accepted it (then it is refused,
   * an error on every node that uses it). Without this map an `mcp.*` id is not checked at all:
   * only a host with MCP servers knows their tools.
   */
  readonly externalCapabilities?: ReadonlyMap<
    string,
    { readonly schemaHash: string; readonly changed?: boolean }
  >;
  /** Where the flow is checked for: a browser engine cannot call `server` capabilities. */
  readonly place?: 'browser' | 'server';
}
