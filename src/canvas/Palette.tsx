import type { DragEvent } from 'react';
import type { PaletteGroup } from '../nodes/index.ts';
import { NODE_KIND_MIME } from './dnd.ts';
import { McpPaletteGroup } from './McpPaletteGroup.tsx';
import { useEditorState } from './editor/context.ts';
import { usePlaceNode } from './usePlaceNode.ts';

export interface PaletteProps {
  groups: readonly PaletteGroup[];
}

function onDragStart(event: DragEvent<HTMLButtonElement>, kind: string) {
  event.dataTransfer.setData(NODE_KIND_MIME, kind);
  event.dataTransfer.effectAllowed = 'move';
}

/** Left sidebar: node kinds, grouped, to drag onto the canvas or add with a click. */
export function Palette({ groups }: PaletteProps) {
  const place = usePlaceNode();
  const readOnly = useEditorState((s) => s.readOnly);
  const hasItems = groups.some((group) => group.items.length > 0);

  return (
    <aside className="panel palette" aria-label="Palette">
      <h2 className="panel-title">Nodes</h2>
      {hasItems ? (
        groups
          .filter((group) => group.items.length > 0)
          .map((group) => (
            <section key={group.name} className="palette-group" aria-label={group.name}>
              <h3 className="palette-group-title">{group.name}</h3>
              <ul className="palette-items">
                {group.items.map((item) => (
                  <li key={item.kind}>
                    <button
                      type="button"
                      className="palette-item"
                      draggable={!readOnly}
                      disabled={readOnly}
                      onDragStart={(event) => onDragStart(event, item.kind)}
                      onClick={() => place(item.kind)}
                      title={`${item.description} Drag onto the canvas, or click to add.`}
                      aria-label={`Add ${item.title}: ${item.description}`}
                      data-kind={item.kind}
                      data-group={group.name}
                    >
                      <span className="palette-item-icon" aria-hidden="true">
                        {item.icon}
                      </span>
                      <span className="palette-item-text">
                        <span className="palette-item-title">{item.title}</span>
                        <span className="palette-item-description">{item.description}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))
      ) : (
        <p className="panel-empty">No node kinds available.</p>
      )}
      <McpPaletteGroup />
    </aside>
  );
}
