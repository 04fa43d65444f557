import type { MemoryCore } from './core.ts';
import { MemoryError } from './errors.ts';
import {
  entitySchema,
  relationSchema,
  type Entity,
  type EntityType,
  type Relation,
} from './schema.ts';
import { parse } from './validate.ts';

export interface EntityInput {
  readonly id?: string;
  readonly type: EntityType;
  readonly name: string;
  readonly properties?: Record<string, string>;
}

// The context graph: entities and the typed relations between them.

export async function putEntity(core: MemoryCore, input: EntityInput): Promise<Entity> {
  const { db } = core;
  const existing = input.id
    ? await core.guard('load', 'entity', () => db.entities.get(input.id!))
    : undefined;
  const entity = parse(
    entitySchema,
    {
      id: input.id ?? `ent-${core.newId()}`,
      type: input.type,
      name: input.name.trim(),
      properties: input.properties ?? existing?.properties ?? {},
      createdAt: existing?.createdAt ?? core.now(),
      updatedAt: core.now(),
    },
    'entity',
  );
  await core.write(`save entity "${entity.name}"`, [db.entities], () => db.entities.put(entity));
  return entity;
}

/** Deletes an entity and its relations; memories keep their text but lose the link. */
export async function deleteEntity(core: MemoryCore, id: string): Promise<void> {
  const { db } = core;
  await core.write(`delete entity ${id}`, [db.entities, db.relations, db.memories], async () => {
    await db.entities.delete(id);
    await db.relations.where('from').equals(id).or('to').equals(id).delete();
    await db.memories
      .where('entities')
      .equals(id)
      .modify((m) => {
        m.entities = m.entities.filter((e) => e !== id);
      });
  });
  core.invalidate();
}

export function entities(core: MemoryCore): Promise<Entity[]> {
  return core.guard('list', 'entities', () => core.db.entities.orderBy('name').toArray());
}

export async function link(
  core: MemoryCore,
  from: string,
  to: string,
  type: string,
): Promise<Relation> {
  const { db } = core;
  const relation = parse(
    relationSchema,
    { id: `${from}|${type}|${to}`, from, to, type, createdAt: core.now() },
    'relation',
  );
  await core.write(`link ${from} to ${to}`, [db.entities, db.relations], async () => {
    const ends = await db.entities.bulkGet([from, to]);
    if (ends.some((e) => !e))
      throw new MemoryError('not-found', `link ${from} → ${to}: an entity is missing`);
    await db.relations.put(relation);
  });
  return relation;
}

export async function unlink(core: MemoryCore, id: string): Promise<void> {
  await core.write(`unlink ${id}`, [core.db.relations], () => core.db.relations.delete(id));
}

/** Every relation, up to `limit`: the graph view draws a part of them at a time. */
export function relations(core: MemoryCore, limit = 20_000): Promise<Relation[]> {
  return core.guard('list', 'relations', () => core.db.relations.limit(limit).toArray());
}

export interface Neighbourhood {
  readonly entity: Entity | undefined;
  readonly relations: Relation[];
  readonly neighbours: Entity[];
}

/** An entity, its relations both ways, and the entities at their other ends. */
export function neighbourhood(core: MemoryCore, id: string): Promise<Neighbourhood> {
  const { db } = core;
  return core.guard('load', `neighbourhood of ${id}`, async () => {
    const entity = await db.entities.get(id);
    const relations = await db.relations.where('from').equals(id).or('to').equals(id).toArray();
    const others = [...new Set(relations.map((r) => (r.from === id ? r.to : r.from)))];
    const neighbours = (await db.entities.bulkGet(others)).filter((e) => e !== undefined);
    return { entity, relations, neighbours };
  });
}

/** Entity keys widened to ids and names, so a filter matches memories linked either way. */
export async function entityKeys(core: MemoryCore, keys: readonly string[]): Promise<string[]> {
  const all = await entities(core);
  const out = new Set(keys);
  for (const key of keys) {
    const lower = key.toLowerCase();
    for (const e of all) {
      if (e.id === key || e.name.toLowerCase() === lower) {
        out.add(e.id);
        out.add(e.name);
      }
    }
  }
  return [...out];
}
