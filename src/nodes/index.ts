export {
  browserCatalog,
  catalog,
  getKind,
  kindDef,
  indexKinds,
  isNodeKind,
  kindsByName,
  nodeKinds,
  paletteGroups,
} from './registry.ts';
export type { KindDefOf, NodeKind, PaletteGroup } from './registry.ts';
export { defineKind, kindGroups, kindRoles } from './kind.ts';
export type { ConfigOf, KindGroup, KindRole, KindSpec, NodeKindDef, SummaryNames } from './kind.ts';
export { parseDuration } from './common.ts';
