import { useMemo } from 'react';
import { catalog } from '../../nodes/index.ts';
import { mcpToolsOf, useMcpCatalog } from '../capabilities/mcpCatalog.ts';
import { useEditorState } from '../editor/context.ts';

/** Every capability id a form may name: the built-in ones, the open flow's own, MCP tools. */
export function useCapabilityIds(): readonly string[] {
  const own = useEditorState((s) => s.history.present.capabilities);
  const mcp = useMcpCatalog();
  return useMemo(
    () => [
      ...catalog.builtinCapabilities,
      ...own.map((c) => c.id),
      ...mcpToolsOf(mcp).map((t) => t.id),
    ],
    [own, mcp],
  );
}

/** The capability ids a form offers where a capability is named (ScalarField points at it). */
export function CapabilityOptions({ id, ids }: { id: string; ids: readonly string[] }) {
  return (
    <datalist id={id}>
      {ids.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}
