import type { Answer } from '../../engine/index.ts';
import { ForkEditor } from '../debug/ForkEditor.tsx';
import { RunCompare } from '../debug/RunCompare.tsx';
import { StepDetails } from '../debug/StepDetails.tsx';
import { Tabs } from '../debug/Tabs.tsx';
import type { Debugger } from '../debug/useDebugger.ts';
import { ApprovalCard } from './ApprovalCard.tsx';
import { approvalContext } from './approvalContext.ts';

export type InspectTab = 'step' | 'fork' | 'compare' | 'approvals';

/** The right column: the selected step, forking from it, a comparison, and pending approvals. */
export function Inspect({
  tab,
  onTab,
  debug,
  compared,
  order,
  onDecide,
}: {
  tab: InspectTab;
  onTab: (tab: InspectTab) => void;
  debug: Debugger;
  compared: string | null;
  order: readonly string[];
  onDecide: (key: string, answer: Answer) => Promise<string | null>;
}) {
  const { record, events, seq, fromBundle, data } = debug;
  const pending = data.pending;
  return (
    <Tabs
      label="Inspect"
      current={tab}
      onChange={onTab}
      tabs={[
        { id: 'step', label: 'Step' },
        { id: 'fork', label: 'Fork', disabled: fromBundle },
        { id: 'compare', label: 'Compare', disabled: !compared },
        {
          id: 'approvals',
          label: (
            <>
              Approvals{' '}
              <span className="badge" aria-label={`${pending.length} pending`}>
                {pending.length}
              </span>
            </>
          ),
        },
      ]}
    >
      {tab === 'step' && (
        <StepDetails runId={fromBundle ? null : (record?.id ?? null)} events={events} seq={seq} />
      )}
      {tab === 'fork' && (
        <ForkEditor
          runId={record?.id ?? null}
          seq={seq}
          onFork={debug.fork}
          onRewind={debug.snapshot.can({ type: 'rewind' }) ? debug.rewind : undefined}
        />
      )}
      {tab === 'compare' && record && compared && (
        <RunCompare a={record.id} b={compared} order={order} />
      )}
      {tab === 'approvals' &&
        (pending.length === 0 ? (
          <p className="panel-empty">Nothing waiting for you</p>
        ) : (
          pending.map((approval) => (
            <ApprovalCard
              key={approval.key}
              approval={approval}
              {...approvalContext(
                approval,
                record?.id === approval.runId ? record.flow : undefined,
              )}
              onDecide={(answer) => onDecide(approval.key, answer)}
            />
          ))
        ))}
    </Tabs>
  );
}
