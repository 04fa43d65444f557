import type { Entity, EntityType, Relation } from '../../../memory/schema.ts';

/** The most entities the graph draws at once; a larger memory shows a part of itself. */
const GRAPH_LIMIT = 150;

interface GraphScope {
  readonly entities: readonly Entity[];
  readonly relations: readonly Relation[];
  /** How many entities matched the filter in all, drawn or not. */
  readonly total: number;
}

/**
 * What the context graph draws: with an entity in focus, it and its neighbours out to two hops;
 * otherwise everything when it fits, or else the most connected entities. Only entities of the
 * kinds shown (all when `kinds` is empty), and only relations between drawn entities.
 * @example scopeGraph(entities, relations, { focus: acme.id, kinds: [] }).entities
 */
export function scopeGraph(
  entities: readonly Entity[],
  relations: readonly Relation[],
  options: { focus?: string | undefined; kinds: readonly EntityType[]; limit?: number },
): GraphScope {
  const limit = options.limit ?? GRAPH_LIMIT;
  const kinds = new Set(options.kinds);
  const shown = kinds.size === 0 ? entities : entities.filter((e) => kinds.has(e.type));
  const byId = new Map(shown.map((e) => [e.id, e]));
  const links = relations.filter((r) => byId.has(r.from) && byId.has(r.to));
  const adjacent = new Map<string, string[]>();
  const join = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const r of links) {
    join(r.from, r.to);
    join(r.to, r.from);
  }
  let chosen: string[];
  if (options.focus && byId.has(options.focus)) {
    chosen = [options.focus];
    const seen = new Set(chosen);
    let frontier = chosen;
    for (let hop = 0; hop < 2 && chosen.length < limit; hop++) {
      const next: string[] = [];
      for (const id of frontier)
        for (const other of adjacent.get(id) ?? [])
          if (!seen.has(other) && chosen.length + next.length < limit) {
            seen.add(other);
            next.push(other);
          }
      chosen = [...chosen, ...next];
      frontier = next;
    }
  } else if (shown.length <= limit) {
    chosen = shown.map((e) => e.id);
  } else {
    const degree = (id: string) => adjacent.get(id)?.length ?? 0;
    chosen = shown
      .map((e) => e.id)
      .sort((a, b) => degree(b) - degree(a) || a.localeCompare(b))
      .slice(0, limit);
  }
  const drawn = new Set(chosen);
  return {
    entities: chosen.map((id) => byId.get(id)!),
    relations: links.filter((r) => drawn.has(r.from) && drawn.has(r.to)),
    total: shown.length,
  };
}
