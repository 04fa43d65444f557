export {
  browserCatalog,
  catalog,
  getKind,
  indexKinds,
  isNodeKind,
  kindsByName,
  nodeKinds,
  paletteGroups,
} from './registry.ts';
export type { NodeKind, PaletteGroup } from './registry.ts';
export { defineKind, kindGroups, kindRoles } from './kind.ts';
export type { KindGroup, KindRole, KindSpec, NodeKindDef, SummaryNames } from './kind.ts';
export { parseDuration } from './common.ts';
