import { useEffect, useState } from 'react';
import type { McpServerConfig, ProviderConfig, SavedSettings } from '../../protocol/index.ts';
import { Dialog } from '../Dialog.tsx';
import { readSettings, saveSettings, saveSettingsText, useSavedSettings } from '../run/settings.ts';
import { closeConnections, requestedTab, useConnectionsOpen } from './connectionsOpen.ts';
import { checkDraft, type DraftIssue } from './draft.ts';
import { McpTab } from './McpTab.tsx';
import { ProvidersTab } from './ProvidersTab.tsx';
import type { ConnectionValue } from './ServiceForm.tsx';
import { ServicesTab } from './ServicesTab.tsx';
import { Tablist } from './Tablist.tsx';
import './connections.css';

type TabId = 'providers' | 'services' | 'mcp' | 'json';
const tabs = [
  { id: 'providers', label: 'Providers' },
  { id: 'services', label: 'Services' },
  { id: 'mcp', label: 'MCP' },
  { id: 'json', label: 'Advanced (JSON)' },
] as const;
const isTab = (id: string | undefined): id is TabId => tabs.some((t) => t.id === id);

interface Draft {
  readonly providers: Record<string, ProviderConfig>;
  readonly connections: Record<string, ConnectionValue>;
  readonly mcpServers?: Record<string, McpServerConfig>;
}

const empty: Draft = { providers: {}, connections: {} };

const timeOf = (at: number | null) =>
  at === null ? 'just now' : new Date(at).toLocaleTimeString();

function draftOf(saved: SavedSettings | undefined): Draft {
  const settings = saved?.settings;
  if (!settings) return empty;
  const connections: Record<string, ConnectionValue> = {};
  for (const [name, c] of Object.entries(settings.connections))
    connections[name] = {
      ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
      ...(c.secret ? { secret: c.secret } : {}),
    };
  return {
    providers: { ...settings.providers },
    connections,
    ...(settings.mcpServers ? { mcpServers: { ...settings.mcpServers } } : {}),
  };
}

/**
 * Where model providers and the services capabilities call are set up: a form per provider and
 * per service, and the settings as JSON for whoever wants them. Saving goes through the worker
 * (one IndexedDB transaction) before the dialog says saved, or closes.
 */
export function ConnectionsView() {
  const open = useConnectionsOpen();
  const [tab, setTab] = useState<TabId>('providers');
  const [draft, setDraft] = useState<Draft>(empty);
  const [text, setText] = useState('');
  const [basedOn, setBasedOn] = useState<number | undefined>();
  const [issues, setIssues] = useState<readonly DraftIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = useSavedSettings();
  // Another tab saved while this one was editing: saving here replaces that, so say so first.
  const newer =
    basedOn !== undefined && current && current.revision > basedOn && saved === null
      ? current
      : undefined;

  // Nothing is editable until the saved settings are in: what is typed before would be replaced.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!open) return;
    const asked = requestedTab();
    let live = true;
    void readSettings().then((loaded) => {
      if (!live) return;
      if (isTab(asked)) setTab(asked);
      setReady(true);
      const next = draftOf(loaded);
      setDraft(next);
      setText(JSON.stringify(next, null, 2));
      setBasedOn(loaded?.revision);
      setIssues([]);
      setError(null);
      setSaved(null);
    });
    return () => {
      live = false;
      setReady(false);
    };
  }, [open]);

  const edit = (next: Draft) => {
    setDraft(next);
    setSaved(null);
    if (issues.length) {
      const checked = checkDraft(next);
      setIssues(checked.ok ? [] : checked.issues);
    }
  };

  const switchTo = (next: TabId) => {
    if (next === tab) return;
    if (next === 'json') {
      setText(JSON.stringify(draft, null, 2));
      setError(null);
      return setTab(next);
    }
    if (tab === 'json') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        return setError(`not JSON: ${e instanceof Error ? e.message : String(e)}; fix it first`);
      }
      const checked = checkDraft(json);
      if (!checked.ok) {
        const first = checked.issues[0];
        return setError(`${first?.path}: ${first?.message}; fix it first`);
      }
      setDraft(draftOf({ settings: checked.settings, revision: 0, savedAt: null }));
    }
    setError(null);
    setTab(next);
  };

  const save = async () => {
    setSaving(true);
    let result: Awaited<ReturnType<typeof saveSettings>>;
    if (tab === 'json') result = await saveSettingsText(text, basedOn);
    else {
      const checked = checkDraft(draft);
      setIssues(checked.ok ? [] : checked.issues);
      if (!checked.ok) {
        setSaving(false);
        const count = checked.issues.length;
        return setError(
          `Not saved: ${count} field${count === 1 ? ' needs' : 's need'} a fix — ${checked.issues
            .map((i) => `${i.path}: ${i.message}`)
            .join('; ')}`,
        );
      }
      result = await saveSettings(checked.settings, basedOn);
    }
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setBasedOn(result.value.saved.revision);
    const other = result.value.replacedOther;
    if (!other) return closeConnections();
    setSaved(
      `Saved. These settings replaced the ones another tab saved at ${timeOf(other.savedAt)}; runs in every tab use these now.`,
    );
  };

  return (
    <Dialog
      title="Connections"
      open={open}
      onClose={closeConnections}
      className="connections-dialog"
    >
      <div className="connections">
        <Tablist label="Connections" idPrefix="conn" tabs={tabs} current={tab} onChange={switchTo}>
          {!ready && (
            <p className="conn-hint" role="status">
              Reading the saved settings…
            </p>
          )}
          {ready && tab === 'providers' && (
            <ProvidersTab
              providers={draft.providers}
              issues={issues}
              onChange={(providers) => edit({ ...draft, providers })}
            />
          )}
          {ready && tab === 'services' && (
            <ServicesTab
              connections={draft.connections}
              issues={issues}
              onChange={(connections) => edit({ ...draft, connections })}
            />
          )}
          {ready && tab === 'mcp' && (
            <McpTab
              servers={draft.mcpServers ?? {}}
              issues={issues}
              onChange={(mcpServers) => edit({ ...draft, mcpServers })}
            />
          )}
          {ready && tab === 'json' && (
            <div className="conn-json">
              <p className="conn-hint">
                The same settings as the other tabs, as the worker keeps them: model providers under{' '}
                <code>providers</code>, the services capabilities call under{' '}
                <code>connections</code>, MCP servers under <code>mcpServers</code>. Secrets are
                named, never included.
              </p>
              <textarea
                aria-label="Settings JSON"
                spellCheck={false}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setSaved(null);
                }}
              />
            </div>
          )}
        </Tablist>
        <div className="conn-foot">
          <div className="conn-messages">
            {newer && (
              <p role="status" className="settings-conflict">
                Another tab saved settings at {timeOf(newer.savedAt)}. Saving here replaces them
                with these.
              </p>
            )}
            {saved && <p role="status">{saved}</p>}
            {error && (
              <p role="alert" className="conn-failed">
                {error}
              </p>
            )}
          </div>
          <div className="conn-actions">
            <button type="button" className="button" onClick={closeConnections}>
              {saved ? 'Close' : 'Cancel'}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={saving || !ready}
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
