import type { ReactNode } from 'react';

/**
 * One entry in a Connections tab's list (a provider, a service, an MCP server): its title, a
 * line about it, and a mark when its settings need a fix.
 */
export function ConnItem(props: {
  title: string;
  meta: ReactNode;
  chosen: boolean;
  broken?: boolean | undefined;
  onChoose: () => void;
}) {
  return (
    <li>
      <button type="button" aria-pressed={props.chosen} onClick={props.onChoose}>
        <span className="conn-item-title">{props.title}</span>
        <span className="conn-item-meta">
          {props.meta}
          {props.broken && <span className="conn-chip-bad"> · needs a fix</span>}
        </span>
      </button>
    </li>
  );
}
