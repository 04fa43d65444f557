import { mcpToolsOf, useMcpCatalog } from './capabilities/mcpCatalog.ts';
import { openConnections } from './connections/connectionsOpen.ts';
import { CAPABILITY_MIME } from './dnd.ts';
import { PaletteSection } from './PaletteSection.tsx';
import { usePlaceNode } from './usePlaceNode.ts';

/**
 * The MCP servers' tools in the palette, once any server is set up: each adds a Capability node
 * that calls it. A tool whose schema changed is shown as such (it is refused until approved).
 */
export function McpPaletteGroup() {
  const catalog = useMcpCatalog();
  const place = usePlaceNode();
  if (!catalog || catalog.servers.length === 0) return null;
  const failing = catalog.servers.filter((s) => s.tools.length === 0 && s.problems.length > 0);
  return (
    <PaletteSection
      name="MCP tools"
      entries={mcpToolsOf(catalog).map((tool) => ({
        key: tool.id,
        icon: '⚙',
        title: tool.title,
        description: tool.changed ? 'changed: approve it in Connections → MCP' : tool.id,
        tooltip: `${tool.description || tool.title} (${tool.id}). Drag onto the canvas, or click to add.`,
        label: `Add MCP tool ${tool.title}`,
        drag: { mime: CAPABILITY_MIME, value: tool.id },
        onAdd: () => place('capability', undefined, { capability: tool.id, label: tool.title }),
        data: { 'data-capability': tool.id },
      }))}
    >
      {failing.length > 0 && (
        <p className="palette-note">
          {failing.map((s) => s.name).join(', ')} offer{failing.length === 1 ? 's' : ''} no tools
          now.{' '}
          <button type="button" onClick={() => openConnections('mcp')}>
            See why
          </button>
        </p>
      )}
    </PaletteSection>
  );
}
