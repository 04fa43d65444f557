import type { EntityInput } from '../../memory/store.ts';
import type { Entity, Relation } from '../../memory/schema.ts';
import type { IndexedMemory } from '../../memory/store.ts';
import type { MemoryChange } from './history.ts';

// The context-graph edits the Memory view makes, each with its undo.

export const linkChange = (from: Entity, to: Entity, type: string): MemoryChange => {
  let made: Relation | undefined;
  return {
    label: `link ${from.name} → ${to.name}`,
    async redo(m) {
      made = await m.link(from.id, to.id, type);
    },
    async undo(m) {
      if (made) await m.unlink(made.id);
    },
  };
};

export const unlinkChange = (relation: Relation, names: (id: string) => string): MemoryChange => ({
  label: `unlink ${names(relation.from)} → ${names(relation.to)}`,
  redo: (m) => m.unlink(relation.id),
  undo: async (m) => {
    await m.link(relation.from, relation.to, relation.type);
  },
});

/** Adds a new entity (no `id`) or saves changes to one (`before` is how it was). */
export const saveEntityChange = (input: EntityInput, before?: Entity): MemoryChange => {
  let saved: Entity | undefined;
  return {
    label: before ? `edit ${before.name}` : `add ${input.name.trim()}`,
    async redo(m) {
      // A redo of an add brings the same entity back, so links made to it later still fit.
      saved = await m.putEntity(saved && !before ? { ...input, id: saved.id } : input);
    },
    async undo(m) {
      if (before) await m.putEntity(before);
      else if (saved) await m.deleteEntity(saved.id);
    },
  };
};

/**
 * Deletes an entity. The undo brings back the entity, its relations and its place in the
 * memories about it, all of which the delete took away.
 */
export async function deleteEntityChange(
  memory: IndexedMemory,
  entity: Entity,
): Promise<MemoryChange> {
  const { relations } = await memory.neighbourhood(entity.id);
  const linked = (await memory.about(entity.id, 10_000)).filter((item) =>
    item.entities.includes(entity.id),
  );
  return {
    label: `delete ${entity.name}`,
    redo: (m) => m.deleteEntity(entity.id),
    async undo(m) {
      await m.putEntity(entity);
      for (const r of relations) await m.link(r.from, r.to, r.type);
      for (const item of linked) {
        const current = await m.get(item.id);
        if (current && !current.entities.includes(entity.id))
          await m.add({
            id: current.id,
            text: current.text,
            kind: current.kind,
            entities: [...current.entities, entity.id],
            tags: current.tags,
            source: current.source,
          });
      }
    },
  };
}
