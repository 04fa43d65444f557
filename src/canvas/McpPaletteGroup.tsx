import type { DragEvent } from 'react';
import { mcpToolsOf, useMcpCatalog } from './capabilities/mcpCatalog.ts';
import { openConnections } from './connections/connectionsOpen.ts';
import { CAPABILITY_MIME } from './dnd.ts';
import { useEditorState } from './editor/context.ts';
import { usePlaceNode } from './usePlaceNode.ts';

function onDragStart(event: DragEvent<HTMLButtonElement>, capability: string) {
  event.dataTransfer.setData(CAPABILITY_MIME, capability);
  event.dataTransfer.effectAllowed = 'move';
}

/**
 * The MCP servers' tools in the palette, once any server is set up: each adds a Capability node
 * that calls it. A tool whose schema changed is shown as such (it is refused until approved).
 */
export function McpPaletteGroup() {
  const catalog = useMcpCatalog();
  const place = usePlaceNode();
  const readOnly = useEditorState((s) => s.readOnly);
  if (!catalog || catalog.servers.length === 0) return null;
  const tools = mcpToolsOf(catalog);
  const failing = catalog.servers.filter((s) => s.tools.length === 0 && s.problems.length > 0);
  return (
    <section className="palette-group" aria-label="MCP tools">
      <h3 className="palette-group-title">MCP tools</h3>
      <ul className="palette-items">
        {tools.map((tool) => (
          <li key={tool.id}>
            <button
              type="button"
              className="palette-item"
              draggable={!readOnly}
              disabled={readOnly}
              onDragStart={(event) => onDragStart(event, tool.id)}
              onClick={() =>
                place('capability', undefined, { capability: tool.id, label: tool.title })
              }
              title={`${tool.description || tool.title} (${tool.id}). Drag onto the canvas, or click to add.`}
              aria-label={`Add MCP tool ${tool.title}`}
              data-capability={tool.id}
            >
              <span className="palette-item-icon" aria-hidden="true">
                ⚙
              </span>
              <span className="palette-item-text">
                <span className="palette-item-title">{tool.title}</span>
                <span className="palette-item-description">
                  {tool.changed ? 'changed: approve it in Connections → MCP' : tool.id}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {failing.length > 0 && (
        <p className="palette-note">
          {failing.map((s) => s.name).join(', ')} offer{failing.length === 1 ? 's' : ''} no tools
          now.{' '}
          <button type="button" onClick={() => openConnections('mcp')}>
            See why
          </button>
        </p>
      )}
    </section>
  );
}
