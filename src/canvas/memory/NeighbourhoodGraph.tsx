import type { Entity, Relation } from '../../memory/schema.ts';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';

interface Neighbourhood {
  entity: Entity | undefined;
  relations: Relation[];
  neighbours: Entity[];
}

const SIZE = 260;
const R = 95;

/** An entity in the middle, its neighbours on a circle, one labelled edge per relation. */
export function NeighbourhoodGraph({
  service,
  entityId,
}: {
  service: MemoryService;
  entityId: string;
}) {
  const empty: Neighbourhood = { entity: undefined, relations: [], neighbours: [] };
  const around = useMemoryQuery(service, (m) => m.neighbourhood(entityId), empty);
  if (!around.entity || around.entity.id !== entityId) return null;
  const c = SIZE / 2;
  const at = new Map<string, { x: number; y: number }>([[entityId, { x: c, y: c }]]);
  around.neighbours.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, around.neighbours.length) - Math.PI / 2;
    at.set(n.id, { x: c + R * Math.cos(angle), y: c + R * Math.sin(angle) });
  });
  return (
    <figure className="memory-graph" aria-label={`Neighbourhood of ${around.entity.name}`}>
      <svg
        width={SIZE}
        height={SIZE}
        role="img"
        aria-label={`${around.entity.name} and ${around.neighbours.length} linked entities`}
      >
        {around.relations.map((r) => {
          const a = at.get(r.from);
          const b = at.get(r.to);
          if (!a || !b) return null;
          return (
            <g key={r.id}>
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="memory-edge" />
              <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} className="memory-edge-label">
                {r.type}
              </text>
            </g>
          );
        })}
        {[around.entity, ...around.neighbours].map((e) => {
          const p = at.get(e.id)!;
          return (
            <g key={e.id}>
              <circle cx={p.x} cy={p.y} r={e.id === entityId ? 9 : 6} className="memory-node" />
              <text x={p.x} y={p.y + 20} textAnchor="middle" className="memory-node-label">
                {e.name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {around.relations.map((r) => (
          <span key={r.id} className="memory-relation">
            {nameOf(around, r.from)} —{r.type}→ {nameOf(around, r.to)}{' '}
            <button
              type="button"
              aria-label={`Unlink ${r.type}`}
              onClick={() => void service.act((m) => m.unlink(r.id))}
            >
              ×
            </button>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function nameOf(around: { entity: Entity | undefined; neighbours: Entity[] }, id: string): string {
  return [around.entity, ...around.neighbours].find((e) => e?.id === id)?.name ?? id;
}
