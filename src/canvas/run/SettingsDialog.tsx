import { useRef, useState } from 'react';
import { readSettings, saveSettingsText, useSavedSettings } from './settings.ts';

const timeOf = (at: number | null) =>
  at === null ? 'just now' : new Date(at).toLocaleTimeString();

/** Where connectors and models live: JSON edited in place, validated and saved by the worker. */
export function SettingsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [basedOn, setBasedOn] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const current = useSavedSettings();
  // Another tab saved while this one was editing: saving here replaces that, so say so first.
  const newer =
    basedOn !== undefined && current && current.revision > basedOn && saved === null
      ? current
      : undefined;

  const open = async () => {
    const loaded = await readSettings();
    setText(JSON.stringify(loaded?.settings ?? { providers: {}, connections: {} }, null, 2));
    setBasedOn(loaded?.revision);
    setError(null);
    setSaved(null);
    dialog.current?.showModal();
  };
  const save = async () => {
    const result = await saveSettingsText(text, basedOn);
    if (!result.ok) return setError(result.error);
    setError(null);
    setBasedOn(result.value.saved.revision);
    const other = result.value.replacedOther;
    if (!other) return dialog.current?.close();
    setSaved(
      `Saved. These settings replaced the ones another tab saved at ${timeOf(other.savedAt)}; runs in every tab use these now.`,
    );
  };

  return (
    <>
      <button type="button" onClick={() => void open()}>
        Connections
      </button>
      <dialog ref={dialog} aria-label="Connections" className="settings-dialog">
        <p>
          Model providers (OpenAI-compatible) and the mail, billing and CRM APIs your capabilities
          call, e.g.{' '}
          <code>
            {
              '{"providers":{"default":{"baseUrl":"http://127.0.0.1:11434/v1"}},"connections":{"mail":{"baseUrl":"https://…"}}}'
            }
          </code>
        </p>
        <textarea
          aria-label="Settings JSON"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
        />
        {newer && (
          <p role="status" className="settings-conflict">
            Another tab saved settings at {timeOf(newer.savedAt)}. Saving here replaces them with
            these.
          </p>
        )}
        {saved && <p role="status">{saved}</p>}
        {error && <p role="alert">{error}</p>}
        <div className="approval-actions">
          <button type="button" onClick={() => void save()}>
            Save
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {saved ? 'Close' : 'Cancel'}
          </button>
        </div>
      </dialog>
    </>
  );
}
