import type { McpToolInfo } from '../../protocol/index.ts';

/**
 * An MCP server's tools: each with its capability id, what it touches (from its annotations) and,
 * for one whose schemas changed since it was accepted, the button that accepts it as it is now.
 */
export function McpToolList(props: {
  label: string;
  tools: readonly McpToolInfo[];
  onApprove?: (tool: McpToolInfo) => void;
}) {
  const { tools, onApprove } = props;
  if (tools.length === 0) return <p className="conn-none">No tools listed.</p>;
  return (
    <ul className="conn-tools" aria-label={props.label}>
      {tools.map((tool) => (
        <li key={tool.id} data-changed={tool.changed || undefined}>
          <div className="conn-tool-head">
            <span className="conn-item-title">{tool.title}</span>
            <span className="effect-chip" data-effect={tool.sideEffect}>
              {tool.sideEffect}
            </span>
            <code>{tool.id}</code>
          </div>
          {tool.description && <p className="conn-hint">{tool.description}</p>}
          {tool.idempotency === 'none' && tool.sideEffect !== 'read' && (
            <p className="conn-hint">
              Not known to be safe to repeat: a call cut off mid-way is asked of you, not retried.
            </p>
          )}
          {tool.changed && (
            <div className="conn-tool-changed" role="status">
              <span>
                Its schemas or annotations changed since you accepted it, so flows cannot call it.
                Check the inputs your flows map, then approve it.
              </span>
              {onApprove && (
                <button type="button" className="button-small" onClick={() => onApprove(tool)}>
                  Approve {tool.tool} as it is now
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
