export {
  catalog,
  getKind,
  indexKinds,
  isNodeKind,
  kindsByName,
  nodeKinds,
  paletteGroups,
} from './registry.ts';
export type { NodeKind, PaletteGroup } from './registry.ts';
export { defineKind, kindGroups } from './kind.ts';
export type { KindGroup, KindSpec, NodeKindDef } from './kind.ts';
export { parseDuration } from './common.ts';
