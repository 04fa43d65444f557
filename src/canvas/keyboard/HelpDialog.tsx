import { Dialog } from '../Dialog.tsx';
import { keyParts } from './keyLabel.ts';
import { shortcuts } from './shortcuts.ts';

const CANVAS_KEYS = [
  { keys: 'Tab', description: 'Move focus between nodes and controls' },
  { keys: 'Enter', description: 'Select the focused node' },
  { keys: 'Arrow keys', description: 'Move the selected nodes' },
  { keys: 'Delete', description: 'Delete the selection' },
  { keys: 'Shift+drag', description: 'Select with a box' },
];

/** Every shortcut, from the same table the key handler reads. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.command}>
              <td>{s.description}</td>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    {keyParts(k).map((part) => (
                      <kbd key={part}>{part}</kbd>
                    ))}
                  </span>
                ))}
              </td>
            </tr>
          ))}
          {CANVAS_KEYS.map((s) => (
            <tr key={s.keys}>
              <td>{s.description}</td>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
