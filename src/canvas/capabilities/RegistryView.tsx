import { useMemo, useState } from 'react';
import { useEditor, useEditorState } from '../editor/context.ts';
import { contractsOf, searchContracts } from './contracts.ts';
import { ContractView } from './ContractView.tsx';
import { useMcpContracts } from './mcpCatalog.ts';
import { UserCapabilityForm } from './UserCapabilityForm.tsx';
import { withCapability } from './userCapabilityDraft.ts';

/**
 * The capability registry: the built-ins and this flow's own, searchable; the selected one's
 * contract with a test call; and the form for the flow's own HTTP capabilities, saved through
 * the editor (so it can be undone, and it lands in the flow JSON).
 */
export function RegistryView() {
  const { actions } = useEditor();
  const own = useEditorState((s) => s.history.present.capabilities);
  const readOnly = useEditorState((s) => s.readOnly);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: string | null } | null>(null);
  const mcp = useMcpContracts();
  const all = useMemo(() => contractsOf(own, mcp), [own, mcp]);
  const shown = useMemo(() => searchContracts(all, query), [all, query]);
  const known = useMemo(() => all.map((c) => c.id), [all]);
  const current = shown.find((c) => c.id === selected) ?? shown[0];

  return (
    <div className="registry">
      <div className="registry-side">
        <input
          type="search"
          className="registry-search"
          aria-label="Search capabilities"
          placeholder="Search: email, invoice, read, money…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="registry-list" aria-label="Capabilities">
          {shown.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-pressed={c.id === current?.id && !form}
                onClick={() => {
                  setSelected(c.id);
                  setForm(null);
                }}
              >
                <span className="registry-item-title">{c.title}</span>
                <span className="registry-item-meta">
                  <code>{c.id}</code>
                  <span className="effect-chip" data-effect={c.sideEffect}>
                    {c.sideEffect}
                  </span>
                  {c.origin === 'flow' && <span className="contract-origin">this flow</span>}
                  {c.origin === 'mcp' && <span className="contract-origin">MCP</span>}
                </span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="registry-none">No capability matches</li>}
        </ul>
        <button
          type="button"
          className="button"
          disabled={readOnly}
          title={readOnly ? 'Save a copy of this shared flow to add capabilities' : undefined}
          onClick={() => setForm({ editing: null })}
        >
          New HTTP capability…
        </button>
      </div>
      <div className="registry-main">
        {form ? (
          <UserCapabilityForm
            key={form.editing ?? 'new'}
            initial={own.find((c) => c.id === form.editing)}
            own={own}
            known={known}
            onCancel={() => setForm(null)}
            onSave={(capability) => {
              actions.edit((flow) => ({
                ...flow,
                capabilities: withCapability(flow.capabilities, capability, form.editing),
              }));
              setForm(null);
              setQuery('');
              setSelected(capability.id);
            }}
          />
        ) : current ? (
          <ContractView
            key={current.id}
            contract={current}
            {...(current.origin === 'flow' && !readOnly
              ? { onEdit: () => setForm({ editing: current.id }) }
              : {})}
          />
        ) : (
          <p className="panel-empty">Pick a capability on the left</p>
        )}
      </div>
    </div>
  );
}
