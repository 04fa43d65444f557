import type { PaletteGroup } from '../nodes/index.ts';
import { NODE_KIND_MIME } from './dnd.ts';
import { McpPaletteGroup } from './McpPaletteGroup.tsx';
import { PaletteSection } from './PaletteSection.tsx';
import { usePlaceNode } from './usePlaceNode.ts';

interface PaletteProps {
  groups: readonly PaletteGroup[];
}

/** Left sidebar: node kinds, grouped, to drag onto the canvas or add with a click. */
export function Palette({ groups }: PaletteProps) {
  const place = usePlaceNode();
  const shown = groups.filter((group) => group.items.length > 0);

  return (
    <aside className="panel palette" aria-label="Palette">
      <h2 className="panel-title">Nodes</h2>
      {shown.length > 0 ? (
        shown.map((group) => (
          <PaletteSection
            key={group.name}
            name={group.name}
            entries={group.items.map((item) => ({
              key: item.kind,
              icon: item.icon,
              title: item.title,
              description: item.description,
              tooltip: `${item.description} Drag onto the canvas, or click to add.`,
              label: `Add ${item.title}: ${item.description}`,
              drag: { mime: NODE_KIND_MIME, value: item.kind },
              onAdd: () => place(item.kind),
              data: { 'data-kind': item.kind, 'data-group': group.name },
            }))}
          />
        ))
      ) : (
        <p className="panel-empty">No node kinds available.</p>
      )}
      <McpPaletteGroup />
    </aside>
  );
}
