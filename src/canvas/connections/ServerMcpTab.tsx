import { useState } from 'react';
import type { McpServerStatus, McpToolInfo } from '../../protocol/index.ts';
import type { EngineWhere } from '../../worker/switchClient.ts';
import {
  approveMcpTool,
  readMcpCatalog,
  useMcpCatalog,
  useMcpCatalogFailure,
} from '../capabilities/mcpCatalog.ts';
import { describeWhere } from '../server/whereText.ts';
import { ChangedTools } from './ChangedTools.tsx';
import { McpServerItem } from './McpServerItem.tsx';
import { McpToolList } from './McpToolList.tsx';

const transportText = { http: 'Streamable HTTP', stdio: 'a command (stdio)' } as const;

/** One of the server's MCP servers, as the server found it: read-only, but for approvals. */
function ServerMcpServer(props: {
  server: McpServerStatus;
  onApprove: (tool: McpToolInfo) => void;
}) {
  const { server } = props;
  return (
    <section className="conn-form" aria-label={`MCP server ${server.name} of the workspace server`}>
      <h3 className="conn-server-name">{server.name}</h3>
      <p className="conn-server-where">
        <span>Runs as {transportText[server.transport]} on the workspace server:</span>
        <code>{server.where}</code>
      </p>
      <ChangedTools tools={server.tools} onApprove={props.onApprove} />
      {server.tools.length > 0 && (
        <McpToolList label={`Tools of ${server.name}`} tools={server.tools} />
      )}
      {server.problems.length > 0 && (
        <ul className="conn-problems" aria-label={`Problems of ${server.name}`}>
          {server.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Why the server's MCP servers could not be read (it did not answer, say), with a Retry; what
 * was read before, if anything, stays shown below it.
 */
function CatalogFailure(props: { failure: string; stale: boolean }) {
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    await readMcpCatalog(true);
    setRetrying(false);
  };
  return (
    <div role="alert" className="conn-failed conn-unreachable">
      <p>{props.failure}</p>
      {props.stale && <p className="conn-hint">The list below is what it said last.</p>}
      <button
        type="button"
        className="button-small"
        disabled={retrying}
        onClick={() => void retry()}
      >
        {retrying ? 'Trying again…' : 'Retry'}
      </button>
    </div>
  );
}

/**
 * The MCP tab while the app is connected to a workspace server: the MCP servers of its `--mcp`
 * file and their tools, which its runs call (read-only: they are set in that file), with changed
 * tools approved on the server. This browser's own MCP servers are kept for when it disconnects.
 */
export function ServerMcpTab(props: {
  where: Extract<EngineWhere, { kind: 'server' }>;
  browserServers: number;
}) {
  const catalog = useMcpCatalog();
  const failure = useMcpCatalogFailure();
  const [chosen, setChosen] = useState<string | undefined>();
  const [approveError, setApproveError] = useState<string | null>(null);
  // Right after a switch the catalog may still be this browser's, until the server's is read.
  const servers = catalog?.place === 'server' ? catalog.servers : undefined;
  const current = servers?.find((s) => s.name === chosen) ?? servers?.[0];
  const { browserServers } = props;
  const approve = async (tool: McpToolInfo) => setApproveError(await approveMcpTool(tool));
  return (
    <div className="conn-split">
      <div className="conn-side">
        <p className="conn-hint" role="status">
          {describeWhere(props.where).detail}
        </p>
        {servers && servers.length > 0 && (
          <ul className="conn-list" aria-label="MCP servers of the workspace server">
            {servers.map((s) => (
              <McpServerItem
                key={s.name}
                name={s.name}
                status={s}
                chosen={s.name === current?.name}
                onChoose={() => setChosen(s.name)}
              />
            ))}
          </ul>
        )}
        {servers?.length === 0 && (
          <p className="conn-none">The workspace server has no MCP server.</p>
        )}
        {/* While the server cannot be read, the alert's Retry is the one way to try again. */}
        {failure === null && (
          <button type="button" className="button-small" onClick={() => void readMcpCatalog(true)}>
            List the tools again
          </button>
        )}
      </div>
      <div className="conn-main">
        <div className="conn-form">
          <p className="conn-server-note">
            Flows run on the workspace server, so they call its MCP servers. These are set in its{' '}
            <code>--mcp</code> file (<code>aios serve --mcp servers.json</code>): change them there
            and restart the server.
            {browserServers > 0 &&
              ` This browser’s own ${browserServers === 1 ? 'MCP server is' : `${browserServers} MCP servers are`} kept, and used again once you disconnect.`}
          </p>
          {approveError && (
            <p role="alert" className="conn-failed">
              {approveError}
            </p>
          )}
          {failure !== null && <CatalogFailure failure={failure} stale={servers !== undefined} />}
          {!servers ? (
            failure === null && (
              <p className="conn-hint" role="status">
                Reading the workspace server’s MCP servers…
              </p>
            )
          ) : current ? (
            <ServerMcpServer
              key={current.name}
              server={current}
              onApprove={(t) => void approve(t)}
            />
          ) : (
            <p className="conn-none">
              To give its flows MCP tools, list MCP servers by name in a JSON file, as in{' '}
              <code>{'{ "files": { "transport": "stdio", "command": "npx", "args": [] } }'}</code>,
              and start it with <code>aios serve --mcp FILE</code>.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
