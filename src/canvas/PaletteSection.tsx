import type { DragEvent, ReactNode } from 'react';
import { useEditorState } from './editor/context.ts';

/** One button of a palette group: something that adds a node, by a click or a drag. */
interface PaletteEntry {
  readonly key: string;
  readonly icon: string;
  readonly title: string;
  /** The line under the title. */
  readonly description: string;
  /** The button's tooltip and accessible name. */
  readonly tooltip: string;
  readonly label: string;
  /** What a drag onto the canvas carries: a MIME type and its value. */
  readonly drag: { readonly mime: string; readonly value: string };
  readonly onAdd: () => void;
  /** `data-*` attributes naming what it adds (`data-kind`, `data-capability`). */
  readonly data: Readonly<Record<`data-${string}`, string>>;
}

function onDragStart(event: DragEvent<HTMLButtonElement>, drag: PaletteEntry['drag']) {
  event.dataTransfer.setData(drag.mime, drag.value);
  event.dataTransfer.effectAllowed = 'move';
}

/**
 * One named group of the palette: its entries as buttons (off while the flow is read-only), and
 * whatever the group says under them.
 */
export function PaletteSection(props: {
  name: string;
  entries: readonly PaletteEntry[];
  children?: ReactNode;
}) {
  const readOnly = useEditorState((s) => s.readOnly);
  return (
    <section className="palette-group" aria-label={props.name}>
      <h3 className="palette-group-title">{props.name}</h3>
      <ul className="palette-items">
        {props.entries.map((entry) => (
          <li key={entry.key}>
            <button
              type="button"
              className="palette-item"
              draggable={!readOnly}
              disabled={readOnly}
              onDragStart={(event) => onDragStart(event, entry.drag)}
              onClick={entry.onAdd}
              title={entry.tooltip}
              aria-label={entry.label}
              {...entry.data}
            >
              <span className="palette-item-icon" aria-hidden="true">
                {entry.icon}
              </span>
              <span className="palette-item-text">
                <span className="palette-item-title">{entry.title}</span>
                <span className="palette-item-description">{entry.description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {props.children}
    </section>
  );
}
