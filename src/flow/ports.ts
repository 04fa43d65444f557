import { z } from 'zod';

/** The kinds of value a port carries. `any` connects to everything. */
export type PortType = 'any' | 'text' | 'number' | 'boolean' | 'object' | 'list' | 'error';

/** A handle on a node: where an edge may start (output) or end (input). */
export interface PortSpec {
  /** Handle id, as stored in edges' `sourceHandle` / `targetHandle`. */
  readonly id: string;
  readonly label: string;
  readonly type: PortType;
  /**
   * Edges into this input close a loop. Only such edges may form a cycle, which keeps every cycle
   * bounded by the node that owns the port (see the `loop` kind).
   */
  readonly back?: boolean;
}

export interface Ports {
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
}

/** Port ids double as React Flow handle ids and XState event suffixes: keep them plain. */
export const portIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,31}$/,
    'use lower-case letters, digits, "-" or "_", starting with a letter',
  );

/**
 * Whether a value leaving `source` may enter `target`.
 * @example compatible('text', 'any') // true
 * @example compatible('list', 'object') // false
 */
export function compatible(source: PortType, target: PortType): boolean {
  if (source === 'error') return target === 'any' || target === 'error';
  return source === target || source === 'any' || target === 'any';
}
