import { useEffect, useState } from 'react';
import type { RunEvent } from '../../engine/index.ts';
import { compareRuns, type NodeComparison, type NodeOutcome } from './compare.ts';
import { lineage } from './lineage.ts';

const short = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? '—' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};
const outcome = (o: NodeOutcome | undefined) =>
  o ? `${o.status}${o.port && o.port !== 'out' ? ` → ${o.port}` : ''}` : 'not reached';

function Row({ row }: { row: NodeComparison }) {
  const differs =
    row.changes.length > 0 || outcome(row.a) !== outcome(row.b) || row.a?.port !== row.b?.port;
  return (
    <tr data-differs={differs || undefined} aria-label={`Node ${row.node}`}>
      <th scope="row">{row.node}</th>
      <td>{outcome(row.a)}</td>
      <td>{outcome(row.b)}</td>
      <td>
        {row.changes.length === 0 ? (
          <span className="panel-empty">{differs ? '' : 'same'}</span>
        ) : (
          <ul className="changes">
            {row.changes.map((c, i) => (
              <li key={i}>
                <code>
                  {c.op === 'move' ? `${c.from} → ${c.path}` : c.path || '(whole output)'}
                </code>{' '}
                {'before' in c && <del>{short(c.before)}</del>}{' '}
                {'value' in c && <ins>{short(c.value)}</ins>}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** Two runs node by node: each node's outcome in both, and the JSON diff of their outputs. */
export function RunCompare({ a, b, order }: { a: string; b: string; order: readonly string[] }) {
  const [loaded, setLoaded] = useState<{ key: string; rows: NodeComparison[] } | null>(null);
  const key = `${a}|${b}`;
  useEffect(() => {
    let live = true;
    void Promise.all([lineage(a), lineage(b)]).then(([x, y]: RunEvent[][]) => {
      if (live) setLoaded({ key: `${a}|${b}`, rows: compareRuns(order, x ?? [], y ?? []) });
    });
    return () => {
      live = false;
    };
  }, [a, b, order]);
  if (!loaded || loaded.key !== key) return <p className="panel-empty">Comparing…</p>;
  const differing = loaded.rows.filter((r) => r.changes.length > 0).length;
  return (
    <div className="run-compare">
      <p>{differing === 0 ? 'The outputs agree at every node.' : `${differing} node(s) differ.`}</p>
      <table aria-label="Run comparison">
        <thead>
          <tr>
            <th>Node</th>
            <th>This run</th>
            <th>Other run</th>
            <th>Output diff</th>
          </tr>
        </thead>
        <tbody>
          {loaded.rows.map((row) => (
            <Row key={row.node} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
