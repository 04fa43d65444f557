import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PortSpec } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';
import type { NodeKindDef } from '../../nodes/index.ts';
import { useNodeIssues } from '../editor/context.ts';
import { parsedData, portsOf } from '../editor/ports.ts';
import type { CardNode } from '../editor/reactFlow.ts';
import { useStore } from '../editor/store.ts';
import { savedFlowLabel, useSavedFlows } from '../files/savedFlows.ts';
import { BreakpointGutter, NodeRunBadge, NodeStream } from '../debug/NodeRunBadge.tsx';
import { useIsActive, useNodeRun } from '../debug/overlay.ts';
import { IssueBadges } from './IssueBadges.tsx';

function PortRow({ port, side }: { port: PortSpec; side: 'in' | 'out' }) {
  return (
    <li className={`port port-${side}`} data-port-type={port.type}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.id}
        className="port-handle"
        aria-label={`${side === 'in' ? 'Input' : 'Output'} ${port.label} (${port.type})`}
        title={`${port.label}: ${port.type}`}
      />
      <span className="port-label">{port.label}</span>
    </li>
  );
}

/**
 * The card's one-line summary. It may name saved flows (a Subflow's), so it is read from the
 * flow list as a string: a card re-renders only when its own line changes.
 */
function useSummary(kind: NodeKindDef | undefined, parsed: Record<string, unknown> | undefined) {
  return useStore(useSavedFlows(), ({ flows }) =>
    kind && parsed
      ? kind.summary(parsed, { flow: (id) => savedFlowLabel(flows, id) })
      : 'Needs attention: see the inspector',
  );
}

/**
 * The one card every node kind is drawn with, driven by the registry: icon and colour of the
 * kind's group, label, one-line summary, typed handles, and validation badges.
 */
export const NodeCard = memo(function NodeCard({ id, type, data, selected }: NodeProps<CardNode>) {
  const kind = getKind(type);
  const issues = useNodeIssues(id);
  const parsed = parsedData(type, data);
  const ports = portsOf(type, data);
  const label = typeof data['label'] === 'string' && data['label'] ? data['label'] : id;
  const summary = useSummary(kind, parsed);
  const run = useNodeRun(id);
  const active = useIsActive(id);
  return (
    <div
      className="node-card"
      data-group={kind?.group ?? 'Unknown'}
      data-selected={selected || undefined}
      data-invalid={issues.some((i) => i.severity === 'error') || undefined}
      data-run={run?.status}
      data-active={active || undefined}
    >
      <BreakpointGutter id={id} label={label} />
      <div className="node-card-head">
        <span className="node-card-icon" aria-hidden="true">
          {kind?.icon ?? '?'}
        </span>
        <span className="node-card-titles">
          <span className="node-card-kind">{kind?.title ?? `Unknown kind "${type}"`}</span>
          <span className="node-card-label">{label}</span>
        </span>
        <IssueBadges issues={issues} />
      </div>
      <p className="node-card-summary" title={summary}>
        {summary}
      </p>
      <NodeRunBadge id={id} />
      <NodeStream id={id} />
      {(ports.inputs.length > 0 || ports.outputs.length > 0) && (
        <div className="node-card-ports">
          <ul className="ports ports-in">
            {ports.inputs.map((p) => (
              <PortRow key={p.id} port={p} side="in" />
            ))}
          </ul>
          <ul className="ports ports-out">
            {ports.outputs.map((p) => (
              <PortRow key={p.id} port={p} side="out" />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
