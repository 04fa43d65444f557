import { describe, expect, it } from 'vitest';
import type { Entity, EntityType, Relation } from '../../../memory/schema.ts';
import { scopeGraph } from './scope.ts';

const entity = (id: string, type: EntityType = 'client'): Entity => ({
  id,
  type,
  name: id,
  properties: {},
  createdAt: 0,
  updatedAt: 0,
});
const rel = (from: string, to: string): Relation => ({
  id: `${from}|r|${to}`,
  from,
  to,
  type: 'r',
  createdAt: 0,
});

describe('what the context graph draws', () => {
  // a — b — c — d, and e alone; b is a project.
  const entities = [entity('a'), entity('b', 'project'), entity('c'), entity('d'), entity('e')];
  const relations = [rel('a', 'b'), rel('b', 'c'), rel('c', 'd')];

  it('draws everything when it fits', () => {
    const scope = scopeGraph(entities, relations, { kinds: [] });
    expect(scope.entities.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(scope.relations).toHaveLength(3);
  });

  it('around a focus, out to two hops', () => {
    const scope = scopeGraph(entities, relations, { focus: 'a', kinds: [] });
    expect(scope.entities.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(scope.relations.map((r) => r.id)).toEqual(['a|r|b', 'b|r|c']);
  });

  it('filters by kind and keeps only relations between drawn entities', () => {
    const scope = scopeGraph(entities, relations, { kinds: ['client'] });
    expect(scope.entities.map((e) => e.id)).toEqual(['a', 'c', 'd', 'e']);
    expect(scope.relations.map((r) => r.id)).toEqual(['c|r|d']);
    expect(scope.total).toBe(4);
  });

  it('past the limit, the most connected first', () => {
    const scope = scopeGraph(entities, relations, { kinds: [], limit: 2 });
    expect(scope.entities.map((e) => e.id)).toEqual(['b', 'c']);
    expect(scope.total).toBe(5);
    expect(
      scopeGraph(entities, relations, { focus: 'b', kinds: [], limit: 2 }).entities,
    ).toHaveLength(2);
  });

  it('stays bounded on a large memory', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => entity(`n${i}`));
    const chain = many.slice(1).map((e, i) => rel(`n${i}`, e.id));
    expect(scopeGraph(many, chain, { kinds: [] }).entities).toHaveLength(150);
    expect(
      scopeGraph(many, chain, { focus: 'n2500', kinds: [] }).entities.map((e) => e.id),
    ).toEqual(['n2500', 'n2499', 'n2501', 'n2498', 'n2502']);
  });
});
