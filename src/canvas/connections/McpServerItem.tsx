import type { McpServerStatus } from '../../protocol/index.ts';
import { ConnItem } from './ConnItem.tsx';

/**
 * One MCP server in the tab's list: its name, what it offers now (undefined: not listed yet) and
 * how many of its tools changed; `broken` when its settings need a fix.
 */
export function McpServerItem(props: {
  name: string;
  status: McpServerStatus | undefined;
  chosen: boolean;
  broken?: boolean;
  onChoose: () => void;
}) {
  const { status } = props;
  const changed = status?.tools.filter((t) => t.changed).length ?? 0;
  const offers = !status
    ? 'not saved yet'
    : status.tools.length > 0
      ? `${status.tools.length} tool${status.tools.length === 1 ? '' : 's'}`
      : status.problems.length > 0
        ? 'offers nothing now'
        : 'no tools';
  return (
    <ConnItem
      title={props.name}
      meta={
        <>
          {offers}
          {changed > 0 && <span className="conn-chip-bad"> · {changed} changed</span>}
        </>
      }
      chosen={props.chosen}
      broken={props.broken}
      onChoose={props.onChoose}
    />
  );
}
