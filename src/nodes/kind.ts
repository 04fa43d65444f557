import type { z } from 'zod';
import type { RunPolicy } from '../engine/compile/graph.ts';
import type { Executor } from '../engine/contract/index.ts';
import type { JsonPath, KindInfo, PortSpec, Ports } from '../flow/index.ts';

/**
 * How a kind shapes the compiled machine. `task`: runs its executor, then follows the output
 * port the executor chose (a kind with no outputs ends the run; an approval is a task whose
 * executor waits for a decision). `fork`: starts its branches in parallel. `join`: collects
 * parallel branches. `loop`: a bounded repeat with a back port.
 */
type KindRole = 'task' | 'fork' | 'join' | 'loop';

export const kindGroups = ['Flow', 'Agents', 'Capabilities', 'Human', 'Logic', 'Memory'] as const;
export type KindGroup = (typeof kindGroups)[number];

/**
 * Names of things a node's data refers to by id, as far as whoever shows the summary knows them
 * (the editor knows the saved flows; elsewhere nothing may be known).
 */
interface SummaryNames {
  /** The name of the saved flow with this id, or `undefined` when it is not known. */
  flow(id: string): string | undefined;
}

/** Everything about one node kind that is not its view or its runtime. */
interface KindSpec<K extends string, S extends z.ZodType<Record<string, unknown>>> {
  readonly kind: K;
  readonly version: number;
  readonly title: string;
  /** One line of help shown in the palette. */
  readonly description: string;
  readonly group: KindGroup;
  readonly role: KindRole;
  /** A short glyph for palette and card. */
  readonly icon: string;
  readonly config: S;
  ports(data: z.infer<S>): Ports;
  /** One line shown on the node's card; `names` names what the data holds only ids of. */
  summary(data: z.infer<S>, names: SummaryNames): string;
  /** Upgrades from `version - 1` keyed by the version they upgrade from; tested with old data. */
  readonly migrations?: Readonly<
    Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
  >;
  capabilityRefs?(data: z.infer<S>): readonly { path: JsonPath; id: string }[];
  /** Role `join`: how many of the branches reaching it complete it; `undefined`: all of them. */
  joinNeed?(data: z.infer<S>): number | undefined;
  /** Role `loop`: the most rounds it runs. */
  loopMax?(data: z.infer<S>): number;
  /** How the engine retries and times out this kind's work; kinds with `runnableFields` give it. */
  runPolicy?(data: z.infer<S>): RunPolicy;
  readonly singleton?: boolean;
  readonly entry?: boolean;
  readonly terminal?: boolean;
  /**
   * Made only by importers, never from the palette; its instances never validate. Such a kind
   * gives its own `defaults` (the bare shape), as its schema refuses every value.
   */
  readonly importOnly?: boolean;
  readonly defaults?: () => z.infer<S>;
}

/** A registered kind: the spec plus what the validator and the palette derive from it. */
export interface NodeKindDef<
  K extends string = string,
  S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
> extends KindSpec<K, S> {
  capabilityRefs(data: z.infer<S>): readonly { path: JsonPath; id: string }[];
  migrate: KindInfo['migrate'];
  /** Config of a freshly added node: the schema's defaults. */
  defaults: () => z.infer<S>;
}

export const port = (
  id: string,
  label: string,
  type: PortSpec['type'] = 'any',
  back?: boolean,
): PortSpec => (back ? { id, label, type, back } : { id, label, type });

export const errorPort = port('error', 'Error', 'error');

/**
 * Declares a kind. The result is what the registry lists; nothing is registered as a side effect.
 * @example
 * export const transform = defineKind({ kind: 'transform', version: 1, config, ports: () => ..., ... });
 */
export function defineKind<K extends string, S extends z.ZodType<Record<string, unknown>>>(
  spec: KindSpec<K, S>,
): NodeKindDef<K, S> {
  const migrations = spec.migrations ?? {};
  return {
    ...spec,
    ports: (data) => spec.ports(data),
    capabilityRefs: (data) => spec.capabilityRefs?.(data) ?? [],
    defaults:
      spec.defaults ?? (() => spec.config.parse({ version: spec.version, label: spec.title })),
    migrate(data) {
      const from = data['version'];
      if (from === undefined) return { ...data, version: spec.version };
      if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
        throw new Error(
          `${spec.kind} config version ${JSON.stringify(from)} is not a version number`,
        );
      if (from > spec.version)
        throw new Error(
          `${spec.kind} config version ${from} is newer than this workspace knows (${spec.version}); update the workspace`,
        );
      let out = data;
      for (let v = from; v < spec.version; v++) {
        const step = migrations[v];
        if (!step) throw new Error(`no migration for ${spec.kind} config from version ${v}`);
        out = { ...step(out), version: v + 1 };
      }
      return out;
    },
  };
}

/** A kind's config as its executor receives it: parsed by the kind's schema, defaults filled in. */
export type ConfigOf<D> = D extends NodeKindDef<string, infer S> ? z.output<S> : never;

/**
 * The executor of one kind, typed from that kind's schema, so a field renamed in the schema is a
 * compile error in the executor that reads it.
 * @example export const runJoin: KindExecutor<typeof join> = ({ scope }) => ...
 */
export type KindExecutor<D> = Executor<ConfigOf<D>>;
