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
export type { ConfigOf, NodeKindDef } from './kind.ts';
