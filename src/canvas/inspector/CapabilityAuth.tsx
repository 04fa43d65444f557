import { capabilitiesById } from '../../capabilities/registry.ts';
import { useEditor, useEditorState } from '../editor/context.ts';
import { setCapabilitySecret } from '../editor/ops.ts';
import { useSavedSettings } from '../run/settings.ts';
import { SecretPicker } from '../secrets/SecretPicker.tsx';

/**
 * How the capability a node calls signs in. A flow's own capability names a secret from the vault
 * (picked here, names only, one undoable edit of the flow); a built-in one uses a connection set
 * up in this browser.
 */
export function CapabilityAuth({ capabilityId }: { capabilityId: string }) {
  const { actions } = useEditor();
  const readOnly = useEditorState((s) => s.readOnly);
  const own = useEditorState((s) =>
    s.history.present.capabilities.find((c) => c.id === capabilityId),
  );
  const saved = useSavedSettings();
  const id = `capability-auth-${capabilityId.replace(/\W/g, '-')}`;
  if (own) {
    return (
      <div className="field inspector-auth">
        <label className="field-label" htmlFor={id}>
          Signs in with <span className="field-hint">secret of {own.id}</span>
        </label>
        <SecretPicker
          id={id}
          value={own.auth?.secret}
          disabled={readOnly}
          onChange={(name) =>
            actions.edit((f) => setCapabilitySecret(f, own.id, name), `cap-auth:${own.id}`)
          }
        />
      </div>
    );
  }
  const connection = capabilitiesById.get(capabilityId)?.service?.id;
  if (!connection) return null;
  const setUp = saved?.settings.connections[connection];
  return (
    <p className="inspector-auth field-hint">
      Signs in through the connection “{connection}” (Connections):{' '}
      {setUp
        ? setUp.secret
          ? `secret ${setUp.secret}`
          : 'no secret'
        : 'not set up in this browser'}
    </p>
  );
}
