import { inboxKeys } from './keys.ts';

/** The inbox's keys, listed where they are used. */
export function KeyLegend() {
  return (
    <ul className="inbox-keys" aria-label="Keyboard shortcuts">
      {inboxKeys.map((k) => (
        <li key={k.does}>
          {k.keys.map((key) => (
            <kbd key={key}>{key}</kbd>
          ))}
          <span>{k.does}</span>
        </li>
      ))}
    </ul>
  );
}
