import type { Catalog, KindInfo } from '../flow/index.ts';
import { builtinCapabilityIds, runsOn } from '../capabilities/registry.ts';
import { agent } from './agent/schema.ts';
import { approval } from './approval/schema.ts';
import { capability } from './capability/schema.ts';
import { code } from './code/schema.ts';
import { condition } from './condition/schema.ts';
import { join } from './join/schema.ts';
import { kindGroups, type KindGroup, type NodeKindDef } from './kind.ts';
import { loop } from './loop/schema.ts';
import { output } from './output/schema.ts';
import { parallel } from './parallel/schema.ts';
import { placeholder } from './placeholder/schema.ts';
import { recall } from './recall/schema.ts';
import { remember } from './remember/schema.ts';
import { start } from './start/schema.ts';
import { subflow } from './subflow/schema.ts';
import { transform } from './transform/schema.ts';

/** The one list of node kinds. Everything else (types, palette, catalog, nodeTypes) derives from it. */
export const nodeKinds = [
  start,
  agent,
  capability,
  approval,
  condition,
  parallel,
  join,
  loop,
  transform,
  code,
  recall,
  remember,
  subflow,
  output,
  placeholder,
] as const;

export type NodeKind = (typeof nodeKinds)[number]['kind'];

/** The definition of the kind named `K`, with its schema's types. */
export type KindDefOf<K extends NodeKind> = Extract<
  (typeof nodeKinds)[number],
  { readonly kind: K }
>;

/**
 * The kind named `name`, typed from its schema.
 * @example kindDef('start').config.parse(data).inputs
 */
export function kindDef<K extends NodeKind>(name: K): KindDefOf<K> {
  return kindsByName.get(name) as KindDefOf<K>;
}

/** Indexes kinds by name; a kind listed twice is a programming error, caught at start-up. */
export function indexKinds(list: readonly NodeKindDef[]): ReadonlyMap<string, NodeKindDef> {
  const byName = new Map<string, NodeKindDef>();
  for (const def of list) {
    if (byName.has(def.kind)) throw new Error(`node kind "${def.kind}" is registered twice`);
    byName.set(def.kind, def);
  }
  return byName;
}

export const kindsByName = indexKinds(nodeKinds);

export function isNodeKind(name: string): name is NodeKind {
  return kindsByName.has(name);
}

export function getKind(name: string): NodeKindDef | undefined {
  return kindsByName.get(name);
}

/** What flow validation looks names up in: these kinds and the built-in capabilities. */
export const catalog: Catalog = {
  kind: (name): KindInfo | undefined => kindsByName.get(name),
  kindNames: [...kindsByName.keys()],
  builtinCapabilities: builtinCapabilityIds,
  capabilityRunsOn: runsOn,
};

/** The catalog for flows checked in the browser, where server-only capabilities are flagged. */
export const browserCatalog: Catalog = { ...catalog, place: 'browser' };

export interface PaletteGroup {
  readonly name: KindGroup;
  readonly items: readonly { kind: NodeKind; title: string; description: string; icon: string }[];
}

/** Palette sections in a fixed order; empty groups are left out. */
export const paletteGroups: readonly PaletteGroup[] = kindGroups
  .map((name) => ({
    name,
    items: nodeKinds
      .filter((k) => k.group === name && !k.importOnly)
      .map((k) => ({ kind: k.kind, title: k.title, description: k.description, icon: k.icon })),
  }))
  .filter((g) => g.items.length > 0);
