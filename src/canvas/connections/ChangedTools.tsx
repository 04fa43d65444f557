import type { McpToolInfo } from '../../protocol/index.ts';
import { toolChanges, type FieldChange } from './toolChanges.ts';

const mark = { added: '+', removed: '−', changed: '~' } as const;

function FieldChanges({ label, changes }: { label: string; changes: readonly FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="conn-diff" aria-label={label}>
      {changes.map((c) => {
        const row = c.after ?? c.before;
        return (
          <li key={c.path} data-change={c.change}>
            <span className="conn-diff-mark" aria-hidden="true">
              {mark[c.change]}
            </span>
            <code>{c.path}</code> {c.change}
            {c.change === 'changed'
              ? `: ${c.what.join('; ')}`
              : row && ` (${row.type}${row.required ? ', required' : ''})`}
          </li>
        );
      })}
    </ul>
  );
}

const shown = (value: unknown) => (value === undefined ? 'not set' : JSON.stringify(value));

/** What changed in one tool since it was accepted, as far as what was accepted was kept. */
function ToolChangesView({ tool }: { tool: McpToolInfo }) {
  const changes = toolChanges(tool);
  if (!changes)
    return (
      <p className="conn-hint">
        What {tool.tool} was when accepted was not kept (accepted before this version kept schemas):
        compare its inputs in Capabilities with what your flows map.
      </p>
    );
  const { input, output, hints } = changes;
  const none = input.length === 0 && output.length === 0 && hints.length === 0;
  return (
    <div className="conn-diffs">
      <FieldChanges label={`Input changes of ${tool.tool}`} changes={input} />
      <FieldChanges label={`Output changes of ${tool.tool}`} changes={output} />
      {hints.length > 0 && (
        <ul className="conn-diff" aria-label={`Hint changes of ${tool.tool}`}>
          {hints.map((h) => (
            <li key={h.name} data-change="changed">
              <span className="conn-diff-mark" aria-hidden="true">
                ~
              </span>
              <code>{h.name}</code>: {shown(h.before)} → {shown(h.after)}
            </li>
          ))}
        </ul>
      )}
      {none && (
        <p className="conn-hint">
          Its fields and hints read the same: the change is in the wording of its schemas.
        </p>
      )}
    </div>
  );
}

/**
 * The tools of one MCP server that changed since a person accepted them: what changed in each
 * (input and output fields, hints), and a button approving it as it is now.
 */
export function ChangedTools(props: {
  tools: readonly McpToolInfo[];
  onApprove: (tool: McpToolInfo) => void;
}) {
  const changed = props.tools.filter((t) => t.changed);
  if (changed.length === 0) return null;
  const them = changed.length === 1 ? 'it' : 'them';
  return (
    <section className="conn-tool-changed" aria-label="Changed tools">
      <p>
        {changed.map((t) => t.tool).join(', ')} changed since you accepted {them}, so flows cannot
        call {them}. Check what changed against the inputs your flows map, then approve:
      </p>
      {changed.map((tool) => (
        <div key={tool.id} className="conn-tool-change">
          <ToolChangesView tool={tool} />
          <button type="button" className="button-small" onClick={() => props.onApprove(tool)}>
            Approve {tool.tool} as it is now
          </button>
        </div>
      ))}
    </section>
  );
}
