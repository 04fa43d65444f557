import { useRef, useState } from 'react';
import { applySettings } from './engine.ts';
import { loadSettings, parseSettings, saveSettings } from './settings.ts';

/** Where connectors and models live: JSON edited in place, validated before it is used. */
export function SettingsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setText(JSON.stringify(loadSettings(), null, 2));
    setError(null);
    dialog.current?.showModal();
  };
  const save = async () => {
    const parsed = parseSettings(text);
    if (!parsed.ok) return setError(parsed.error);
    const refused = await applySettings(parsed.value);
    if (refused) return setError(refused);
    saveSettings(parsed.value);
    dialog.current?.close();
  };

  return (
    <>
      <button type="button" onClick={open}>
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
        {error && <p role="alert">{error}</p>}
        <div className="approval-actions">
          <button type="button" onClick={() => void save()}>
            Save
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
