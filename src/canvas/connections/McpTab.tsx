import { useState } from 'react';
import type { McpServerConfig, McpToolInfo } from '../../protocol/index.ts';
import { readMcpCatalog, useMcpCatalog } from '../capabilities/mcpCatalog.ts';
import { engine } from '../run/engine.ts';
import { issuesAt, renameKey, type DraftIssue } from './draft.ts';
import { McpServerForm } from './McpServerForm.tsx';
import { freeServerName, newServer } from './mcpDraft.ts';

export interface McpTabProps {
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (servers: Record<string, McpServerConfig>) => void;
}

/**
 * MCP servers whose tools flows call as capabilities: the list with what each offers now (as the
 * worker found it when the settings were last saved), and the chosen one's form.
 */
export function McpTab({ servers, issues, onChange }: McpTabProps) {
  const names = Object.keys(servers);
  const [chosen, setChosen] = useState<string | undefined>(names[0]);
  const [approveError, setApproveError] = useState<string | null>(null);
  const catalog = useMcpCatalog();
  const current = chosen !== undefined && chosen in servers ? chosen : names[0];
  const server = current === undefined ? undefined : servers[current];
  const statusOf = (name: string) => catalog?.servers.find((s) => s.name === name);
  const add = () => {
    const name = freeServerName(names);
    onChange({ ...servers, [name]: newServer() });
    setChosen(name);
  };
  const approve = async (tool: McpToolInfo) => {
    const result = await engine().api.mcpApprove({ id: tool.id });
    setApproveError(result.ok ? null : result.error.message);
    await readMcpCatalog();
  };
  return (
    <div className="conn-split">
      <div className="conn-side">
        <ul className="conn-list" aria-label="MCP servers">
          {names.map((name) => {
            const status = statusOf(name);
            const broken = issuesAt(issues, `mcpServers.${name}`).length > 0;
            const changed = status?.tools.filter((t) => t.changed).length ?? 0;
            return (
              <li key={name}>
                <button
                  type="button"
                  aria-pressed={name === current}
                  onClick={() => setChosen(name)}
                >
                  <span className="conn-item-title">{name}</span>
                  <span className="conn-item-meta">
                    {!status
                      ? 'not saved yet'
                      : status.tools.length > 0
                        ? `${status.tools.length} tool${status.tools.length === 1 ? '' : 's'}`
                        : status.problems.length > 0
                          ? 'offers nothing now'
                          : 'no tools'}
                    {changed > 0 && <span className="conn-chip-bad"> · {changed} changed</span>}
                    {broken && <span className="conn-chip-bad"> · needs a fix</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {names.length === 0 && <p className="conn-none">No MCP server yet.</p>}
        <button type="button" className="button" onClick={add}>
          Add MCP server
        </button>
        {names.length > 0 && (
          <button type="button" className="button-small" onClick={() => void readMcpCatalog(true)}>
            List the tools again
          </button>
        )}
      </div>
      <div className="conn-main">
        {approveError && (
          <p role="alert" className="conn-failed">
            {approveError}
          </p>
        )}
        {current !== undefined && server ? (
          <McpServerForm
            key={current}
            name={current}
            server={server}
            taken={names}
            status={statusOf(current)}
            issues={issues}
            onChange={(next) => onChange({ ...servers, [current]: next })}
            onRename={(to) => {
              onChange(renameKey(servers, current, to));
              setChosen(to);
            }}
            onRemove={() => {
              const { [current]: _gone, ...rest } = servers;
              onChange(rest);
              setChosen(undefined);
            }}
            onApprove={(tool) => void approve(tool)}
          />
        ) : (
          <p className="conn-none">
            Add an MCP server to use its tools in flows: each tool becomes a capability{' '}
            <code>mcp.&lt;server&gt;.&lt;tool&gt;</code> for Capability nodes and agents, under the
            same policy, approvals and effects ledger as the built-in ones.
          </p>
        )}
      </div>
    </div>
  );
}
