import type { McpToolInfo } from '../../protocol/index.ts';

/**
 * An MCP server's tools: each with its capability id, what it touches (from its annotations), and
 * whether it changed since it was accepted (the form above offers to approve it).
 */
export function McpToolList(props: { label: string; tools: readonly McpToolInfo[] }) {
  const { tools } = props;
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
            <p className="conn-hint conn-chip-bad">
              Changed since accepted: refused until approved.
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
