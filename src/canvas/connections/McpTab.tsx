import { useState } from 'react';
import type { McpServerConfig, McpToolInfo } from '../../protocol/index.ts';
import { approveMcpTool, readMcpCatalog, useMcpCatalog } from '../capabilities/mcpCatalog.ts';
import { useEngineWhere } from '../server/useEngineWhere.ts';
import { issuesAt, type DraftIssue } from './draft.ts';
import { McpServerForm } from './McpServerForm.tsx';
import { McpServerItem } from './McpServerItem.tsx';
import { freeServerName, newServer } from './mcpDraft.ts';
import { ServerMcpTab } from './ServerMcpTab.tsx';
import { useNamedEntry } from './useNamedEntry.ts';

interface McpTabProps {
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (servers: Record<string, McpServerConfig>) => void;
}

/**
 * MCP servers whose tools flows call as capabilities, from where flows run: connected to a
 * workspace server, its `--mcp` servers (read-only); otherwise this browser's own.
 */
export function McpTab(props: McpTabProps) {
  const where = useEngineWhere();
  if (where.kind === 'server')
    return <ServerMcpTab where={where} browserServers={Object.keys(props.servers).length} />;
  return <BrowserMcpTab {...props} />;
}

/**
 * This browser's MCP servers: the list with what each offers now (as the worker found it when
 * the settings were last saved), and the chosen one's form.
 */
function BrowserMcpTab({ servers, issues, onChange }: McpTabProps) {
  const entry = useNamedEntry(servers, onChange);
  const { names, current, value: server } = entry;
  const [approveError, setApproveError] = useState<string | null>(null);
  const catalog = useMcpCatalog();
  // Right after a switch the catalog may still be the server's, until the worker's is read.
  const statusOf = (name: string) =>
    catalog?.place === 'browser' ? catalog.servers.find((s) => s.name === name) : undefined;
  const approve = async (tool: McpToolInfo) => setApproveError(await approveMcpTool(tool));
  return (
    <div className="conn-split">
      <div className="conn-side">
        <ul className="conn-list" aria-label="MCP servers">
          {names.map((name) => (
            <McpServerItem
              key={name}
              name={name}
              status={statusOf(name)}
              chosen={name === current}
              broken={issuesAt(issues, `mcpServers.${name}`).length > 0}
              onChoose={() => entry.choose(name)}
            />
          ))}
        </ul>
        {names.length === 0 && <p className="conn-none">No MCP server yet.</p>}
        <button
          type="button"
          className="button"
          onClick={() => entry.add(freeServerName(names), newServer())}
        >
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
            onChange={entry.change}
            onRename={entry.rename}
            onRemove={entry.remove}
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
