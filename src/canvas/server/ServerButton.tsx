import { useEffect, useState, type FormEvent } from 'react';
import { serverConnectionSchema } from '../../storage/serverConnection.ts';
import { connectServer } from '../../worker/serverClient.ts';
import type { EngineWhere } from '../../worker/switchClient.ts';
import { Dialog } from '../Dialog.tsx';
import { engine, serverConnections } from '../run/engine.ts';
import { useEngineWhere } from './useEngineWhere.ts';
import { describeWhere, type Tone } from './whereText.ts';
import './server.css';

/**
 * The header's "Workspace server" control: where runs go (this browser, or a server and whether
 * it is reachable), and a dialog to connect to one (URL, token) or go back to the browser. The
 * connection is remembered in IndexedDB; without one, nothing changes from working offline.
 */
export function ServerButton() {
  const where = useEngineWhere();
  const [open, setOpen] = useState(false);
  const shown = describeWhere(where);
  return (
    <>
      <button
        type="button"
        className={`button server-button server-${shown.tone}`}
        onClick={() => setOpen(true)}
        aria-label={`Workspace server: ${shown.detail}`}
        title={shown.detail}
      >
        <span className="server-dot" aria-hidden="true" />
        {shown.label}
        {shown.tone === 'disconnected' && <span className="server-flag">offline</span>}
      </button>
      <Dialog
        title="Workspace server"
        open={open}
        onClose={() => setOpen(false)}
        className="server-dialog"
      >
        <ServerForm where={where} detail={shown} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ServerForm({
  where,
  detail,
  onDone,
}: {
  where: EngineWhere;
  detail: { tone: Tone; detail: string };
  onDone: () => void;
}) {
  const [url, setUrl] = useState(where.kind === 'server' ? where.url : 'http://127.0.0.1:4280');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The remembered address fills the form; the token is never shown back.
    void serverConnections()
      .get()
      .then((saved) => saved && setUrl(saved.url));
  }, []);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    // An empty token field keeps the remembered token of the same server.
    const saved = await serverConnections().get();
    const kept = saved && saved.url === url.trim() ? saved.token : undefined;
    const typed = token.trim() || kept;
    const parsed = serverConnectionSchema.safeParse({
      url: url.trim(),
      ...(typed ? { token: typed } : {}),
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'not a server address');
    setBusy(true);
    // One call first, so a wrong address or token is said here rather than as a red dot.
    const probe = connectServer(parsed.data);
    const answer = await probe.api.pending();
    probe.dispose();
    setBusy(false);
    if (!answer.ok)
      return setError(
        answer.error.code === 'unauthorized'
          ? 'The server refused this access token: use the one aios serve printed when it first started.'
          : answer.error.message,
      );
    setError(null);
    await serverConnections().set(parsed.data);
    engine().use(parsed.data);
    setToken('');
    onDone();
  };
  const disconnect = async () => {
    await serverConnections().set(undefined);
    engine().use(undefined);
    onDone();
  };

  return (
    <form className="server-form" onSubmit={(e) => void connect(e)}>
      <p className={`server-status server-${detail.tone}`} role="status">
        <span className="server-dot" aria-hidden="true" />
        {detail.detail}
      </p>
      <p className="server-note">
        Connected, runs start on the workspace server (<code>npx aios serve</code>): the open flow
        is deployed there, so its webhooks and schedules fire with this browser closed. Settings and
        secrets stay in this browser.
      </p>
      <label className="server-field">
        <span>Server URL</span>
        <input
          name="url"
          type="url"
          required
          autoComplete="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label className="server-field">
        <span>Access token</span>
        <input
          name="token"
          type="password"
          autoComplete="off"
          placeholder={
            where.kind === 'server' ? 'unchanged unless typed' : 'aios_… (printed by aios serve)'
          }
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      {error && (
        <p className="server-error" role="alert">
          {error}
        </p>
      )}
      <div className="server-actions">
        {where.kind === 'server' && (
          <button type="button" className="button" onClick={() => void disconnect()}>
            Use this browser only
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
