import { memo } from 'react';
import { keyParts } from '../keyboard/keyLabel.ts';
import type { QuickEntry } from './entries.ts';

interface QuickAddOptionProps {
  readonly id: string;
  readonly entry: QuickEntry;
  readonly selected: boolean;
  /** For a toggle: whether it is on now. */
  readonly state: boolean | undefined;
  readonly onHover: () => void;
  readonly onChoose: () => void;
}

/** One result: icon, title and what it does, and its own shortcut for next time. */
export const QuickAddOption = memo(function QuickAddOption(props: QuickAddOptionProps) {
  const { id, entry, selected, state } = props;
  const [keys] = entry.keys;
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      className="quickadd-option"
      data-type={entry.type}
      data-group={entry.type === 'node' ? entry.group.toLowerCase() : undefined}
      // The field keeps the focus: a press on an option must not blur it.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={selected ? undefined : props.onHover}
      onClick={props.onChoose}
    >
      <span className="quickadd-icon" aria-hidden="true">
        {entry.icon}
      </span>
      <span className="quickadd-text">
        <span className="quickadd-title">
          {entry.title}
          {state !== undefined && (
            <span className="quickadd-state" data-on={state || undefined}>
              {state ? 'on' : 'off'}
            </span>
          )}
        </span>
        {entry.detail !== entry.title && <span className="quickadd-detail">{entry.detail}</span>}
      </span>
      <span className="quickadd-aside">
        {keys ? (
          <span className="quickadd-keys" aria-label={`Shortcut ${keys}`}>
            {keyParts(keys).map((part) => (
              <kbd key={part}>{part}</kbd>
            ))}
          </span>
        ) : (
          <span className="quickadd-tag">{entry.type === 'node' ? 'Node' : 'Command'}</span>
        )}
      </span>
    </li>
  );
});
