import { useId, useState } from 'react';
import {
  mcpServerNameSchema,
  mcpServerSchema,
  type McpServerConfig,
  type McpServerStatus,
  type McpToolInfo,
} from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';
import { SecretPicker } from '../secrets/SecretPicker.tsx';
import { ChangedTools } from './ChangedTools.tsx';
import { issuesAt, type DraftIssue } from './draft.ts';
import { FieldIssue } from './FieldIssue.tsx';
import { McpToolList } from './McpToolList.tsx';
import { headerRows, serverFileEntry, withHeaders, type HeaderRow } from './mcpDraft.ts';
import { TestConnection, type Tested } from './TestConnection.tsx';

interface McpServerFormProps {
  readonly name: string;
  readonly server: McpServerConfig;
  readonly taken: readonly string[];
  /** What the worker found for the saved server of this name, if any. */
  readonly status: McpServerStatus | undefined;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (server: McpServerConfig) => void;
  readonly onRename: (name: string) => void;
  readonly onRemove: () => void;
  readonly onApprove: (tool: McpToolInfo) => void;
}

/**
 * One MCP server: its name (the middle of its tools' ids), where it is (a URL; a command only
 * on the workspace server), the secrets it is sent, by name, and Test, which lists its tools
 * through the worker without saving anything.
 */
export function McpServerForm(props: McpServerFormProps) {
  const { name, server, issues, onChange, status } = props;
  const id = useId();
  const [nameText, setNameText] = useState(name);
  const [tested, setTested] = useState<Tested>({ state: 'idle' });
  const [found, setFound] = useState<readonly McpToolInfo[] | null>(null);
  const at = (field: string) => issuesAt(issues, `mcpServers.${name}.${field}`);
  const nameCheck = mcpServerNameSchema.safeParse(nameText);
  const nameProblem = !nameCheck.success
    ? (nameCheck.error.issues[0]?.message ?? 'not a name')
    : nameText !== name && props.taken.includes(nameText)
      ? `another server is called "${nameText}"`
      : null;
  const rows = headerRows(server);
  const setRows = (next: readonly HeaderRow[]) => onChange(withHeaders(server, next));

  const test = async () => {
    setFound(null);
    const checked = mcpServerSchema.safeParse(server);
    if (!checked.success) {
      const first = checked.error.issues[0];
      return setTested({
        state: 'failed',
        text: `${first?.path.join('.') || 'server'}: ${first?.message ?? 'invalid'}`,
      });
    }
    setTested({ state: 'testing' });
    const result = await engine().api.mcpTest({ name, server: checked.data });
    if (!result.ok) return setTested({ state: 'failed', text: result.error.message });
    const { tools, problems, ms } = result.value;
    setFound(tools);
    setTested({
      state: 'ok',
      text: `Connected: ${tools.length} tool${tools.length === 1 ? '' : 's'} listed (${Math.round(ms)} ms)${problems.length > 0 ? `; left out: ${problems.join('; ')}` : ''}. Save to use them in flows.`,
    });
  };

  return (
    <form
      className="conn-form"
      aria-label={`MCP server ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void test();
      }}
    >
      <ChangedTools tools={status?.tools ?? []} onApprove={props.onApprove} />

      <div className="conn-field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={nameText}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={`${id}-name-hint`}
          onChange={(e) => setNameText(e.target.value.trim())}
          onBlur={() => {
            if (!nameProblem && nameText !== name) props.onRename(nameText);
          }}
        />
        <small id={`${id}-name-hint`} className="conn-hint">
          Its tools are the capabilities <code>mcp.{nameCheck.success ? nameText : name}.…</code>
        </small>
        {nameProblem && (
          <small className="conn-issue" role="alert">
            Name: {nameProblem}
          </small>
        )}
      </div>

      <fieldset className="conn-field conn-transport">
        <legend>Where it runs</legend>
        <label>
          <input
            type="radio"
            name={`${id}-transport`}
            checked={server.transport === 'http'}
            onChange={() => onChange({ transport: 'http', url: '' })}
          />{' '}
          A URL (Streamable HTTP)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-transport`}
            checked={server.transport === 'stdio'}
            disabled
          />{' '}
          A command (stdio) — on the workspace server only
        </label>
        <small className="conn-hint">
          A web page cannot start a program on this computer, so a browser speaks to MCP servers
          over HTTP only. Servers started as a command run where the workspace server does: list
          them in its <code>--mcp</code> file (<code>aios serve --mcp servers.json</code>).
        </small>
      </fieldset>

      {server.transport === 'http' ? (
        <>
          <div className="conn-field">
            <label htmlFor={`${id}-url`}>URL</label>
            <input
              id={`${id}-url`}
              type="url"
              inputMode="url"
              placeholder="https://mcp.example.com/mcp"
              value={server.url}
              aria-invalid={at('url').length > 0 || undefined}
              onChange={(e) => onChange({ ...server, url: e.target.value.trim() })}
            />
            <small className="conn-hint">
              The server must answer calls from this page (CORS); otherwise add it to the workspace
              server instead.
            </small>
            <FieldIssue label="URL" issues={at('url')} />
          </div>
          <div className="conn-field">
            <label htmlFor={`${id}-token`}>Bearer token</label>
            <SecretPicker
              id={`${id}-token`}
              value={server.secret}
              invalid={at('secret').length > 0}
              describedBy={`${id}-token-hint`}
              onChange={(secret) => {
                const { secret: _old, ...rest } = server;
                onChange(secret ? { ...rest, secret } : rest);
              }}
            />
            <small id={`${id}-token-hint`} className="conn-hint">
              Sent as <code>Authorization: Bearer …</code>. Kept in this browser’s vault; only its
              name is saved here.
            </small>
            <FieldIssue label="Bearer token" issues={at('secret')} />
          </div>
          <fieldset className="conn-field conn-headers">
            <legend>Headers with secrets</legend>
            {rows.map((row, i) => (
              <div className="conn-header-row" key={i}>
                <input
                  aria-label={`Header ${i + 1} name`}
                  placeholder="X-Api-Key"
                  value={row.name}
                  onChange={(e) =>
                    setRows(
                      rows.map((r, j) => (j === i ? { ...r, name: e.target.value.trim() } : r)),
                    )
                  }
                />
                <SecretPicker
                  id={`${id}-header-${i}`}
                  value={row.secret}
                  allowNone={false}
                  onChange={(secret) =>
                    setRows(rows.map((r, j) => (j === i ? { ...r, secret } : r)))
                  }
                />
                <button
                  type="button"
                  className="button-small"
                  aria-label={`Remove header ${row.name || i + 1}`}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
            ))}
            <div>
              <button
                type="button"
                className="button-small"
                onClick={() => setRows([...rows, { name: '', secret: undefined }])}
              >
                Add header
              </button>
            </div>
            <small className="conn-hint">
              For servers that want a key in a header of their own. The value is a vault secret:
              this page never sees it.
            </small>
            <FieldIssue label="Headers" issues={at('headers')} />
          </fieldset>
        </>
      ) : (
        <div className="conn-field">
          <p className="conn-note">
            This server is a command (<code>{[server.command, ...server.args].join(' ')}</code>):
            this browser cannot start it. Put it in the workspace server’s <code>--mcp</code> file:
          </p>
          <pre className="conn-snippet">{serverFileEntry(name, server)}</pre>
        </div>
      )}

      <TestConnection tested={tested} disabled={server.transport !== 'http'} />
      {found && <McpToolList label={`Tools of ${name}, as tested`} tools={found} />}
      {!found && status && status.tools.length > 0 && (
        <McpToolList label={`Tools of ${name}`} tools={status.tools} />
      )}
      {!found && status && status.problems.length > 0 && (
        <ul className="conn-problems" aria-label={`Problems of ${name}`}>
          {status.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      <div className="conn-danger">
        <button type="button" className="button-small button-danger" onClick={props.onRemove}>
          Remove MCP server {name}
        </button>
      </div>
    </form>
  );
}
