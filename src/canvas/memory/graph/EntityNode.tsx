import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Entity } from '../../../memory/schema.ts';

export type EntityNodeType = Node<{ entity: Entity; focus: boolean }, 'entity'>;

/** One entity in the context graph: its kind's colour, kind and name; drag from ● to link. */
const EntityNode = memo(function EntityNode({ data, selected }: NodeProps<EntityNodeType>) {
  const { entity, focus } = data;
  return (
    <div
      className={`entity-node${selected ? ' selected' : ''}${focus ? ' focus' : ''}`}
      data-kind={entity.type}
      data-entity={entity.name}
    >
      <Handle type="target" position={Position.Left} className="entity-handle" />
      <span className="entity-kind">{entity.type}</span>
      <span className="entity-name" title={entity.name}>
        {entity.name}
      </span>
      <Handle
        type="source"
        position={Position.Right}
        className="entity-handle"
        aria-label={`Link ${entity.name} to another entity`}
      />
    </div>
  );
});

export const entityNodeTypes = { entity: EntityNode };
