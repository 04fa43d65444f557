import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  applyNodeChanges,
} from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { Entity, EntityType, Relation } from '../../../memory/schema.ts';
import { edgeTypes } from '../../edges/LabelledEdge.tsx';
import { loadElk } from '../../elk.ts';
import { linkChange, unlinkChange } from '../changes.ts';
import { RestoreButton } from '../RestoreButton.tsx';
import type { MemoryService } from '../service.ts';
import { entityNodeTypes, type EntityNodeType } from './EntityNode.tsx';
import { layoutGraph } from './layout.ts';
import { scopeGraph } from './scope.ts';

interface ContextGraphProps {
  readonly service: MemoryService;
  readonly entities: readonly Entity[];
  readonly relations: readonly Relation[];
  readonly kinds: readonly EntityType[];
  readonly focus: string | undefined;
  readonly selected: string | undefined;
  readonly onSelect: (id: string | undefined) => void;
  /** The relation type a drag between two entities makes. */
  readonly linkType: string;
  /** Hidden tabs have no size: the view is fitted again when the graph shows. */
  readonly visible: boolean;
}

/**
 * The context graph drawn as a graph: entities as cards coloured by kind, relations as labelled
 * edges, laid out by ELK; a part of a large memory at a time (see `scopeGraph`). Dragging from an
 * entity's ● to another links them; selecting a relation and pressing Delete unlinks it; both
 * can be undone.
 */
export function ContextGraph(props: ContextGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}

function Graph({
  service,
  entities,
  relations,
  kinds,
  focus,
  selected,
  onSelect,
  linkType,
  visible,
}: ContextGraphProps) {
  const scope = useMemo(
    () => scopeGraph(entities, relations, { focus, kinds }),
    [entities, relations, focus, kinds],
  );
  const [nodes, setNodes] = useState<EntityNodeType[]>([]);
  const { fitView } = useReactFlow();
  const byId = useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);

  // A new layout whenever what is drawn changes; positions the person dragged stay meanwhile.
  useEffect(() => {
    let live = true;
    void loadElk()
      .then((elk) => layoutGraph(elk, scope.entities, scope.relations))
      .then((positions) => {
        if (!live) return;
        setNodes(
          scope.entities.map((entity) => ({
            id: entity.id,
            type: 'entity',
            position: positions.get(entity.id) ?? { x: 0, y: 0 },
            data: { entity, focus: entity.id === focus },
            ariaLabel: `${entity.type}: ${entity.name}`,
          })),
        );
      });
    return () => {
      live = false;
    };
  }, [scope, focus]);
  useEffect(() => {
    if (!visible || nodes.length === 0) return;
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.2 }));
    return () => cancelAnimationFrame(frame);
  }, [visible, nodes.length, scope, fitView]);

  const shown = useMemo(
    () =>
      nodes.map((n) =>
        n.selected === (n.id === selected) ? n : { ...n, selected: n.id === selected },
      ),
    [nodes, selected],
  );
  const edges = useMemo<Edge[]>(
    () =>
      scope.relations.map((r) => ({
        id: r.id,
        source: r.from,
        target: r.to,
        label: r.type,
        type: 'labelled',
        data: { portLabel: false },
        ariaLabel: `${byId.get(r.from)?.name ?? r.from} ${r.type} ${byId.get(r.to)?.name ?? r.to}`,
      })),
    [scope.relations, byId],
  );

  const onConnect = (c: Connection) => {
    const from = byId.get(c.source);
    const to = byId.get(c.target);
    if (from && to && from.id !== to.id) void service.change(linkChange(from, to, linkType));
  };
  const onEdgesDelete = (deleted: Edge[]) => {
    const names = (id: string) => byId.get(id)?.name ?? id;
    for (const edge of deleted) {
      const relation = scope.relations.find((r) => r.id === edge.id);
      if (relation) void service.change(unlinkChange(relation, names));
    }
  };

  return (
    <div className="context-graph" role="figure" aria-label="Context graph">
      {scope.entities.length === 0 ? (
        <div className="memory-empty">
          {entities.length === 0 ? (
            <>
              <p>No entities yet. Add a client, a person or a project to start the graph.</p>
              {/* An empty memory may be one the browser cleared: the way back is one click away. */}
              <p className="memory-help">
                Coming from another browser, or was this site&apos;s data cleared?{' '}
                <RestoreButton service={service} label="Restore a backup…" />
              </p>
            </>
          ) : (
            <p>No entity of the chosen kinds.</p>
          )}
        </div>
      ) : (
        <ReactFlow
          nodes={shown}
          edges={edges}
          nodeTypes={entityNodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={(changes: NodeChange<EntityNodeType>[]) =>
            setNodes((current) => applyNodeChanges(changes, current))
          }
          onNodeClick={(_, node) => onSelect(node.id)}
          onPaneClick={() => onSelect(undefined)}
          onConnect={onConnect}
          onEdgesDelete={onEdgesDelete}
          deleteKeyCode={['Delete', 'Backspace']}
          // Deleting entities goes through the detail panel, which asks first.
          onBeforeDelete={({ edges: gone }) => Promise.resolve({ nodes: [], edges: gone })}
          connectionRadius={40}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
      {scope.total > scope.entities.length && (
        <p className="graph-note">
          Showing {scope.entities.length} of {scope.total} entities
          {focus ? ' around the one in focus' : ', the most connected'}. Pick one to see its
          neighbourhood.
        </p>
      )}
    </div>
  );
}
