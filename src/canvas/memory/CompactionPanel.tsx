import { useState } from 'react';
import { defaultCompactionPolicy } from '../../memory/compaction.ts';
import type { CompactionResult, PlannedSummary } from '../../memory/store.ts';
import { MemoryRow } from './MemoryRow.tsx';
import type { MemoryService } from './service.ts';
import { SummaryAgentForm } from './SummaryAgentForm.tsx';
import { useMemoryQuery } from './useMemory.ts';

const DAY_MS = 86_400_000;
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * Compaction as what it does: the rule, a preview of the summaries it would write (topic and how
 * many memories each archives), the summaries written so far with who wrote them and their
 * originals, and who writes the next ones.
 */
export function CompactionPanel({
  service,
  names,
}: {
  service: MemoryService;
  names: (id: string) => string;
}) {
  const [plan, setPlan] = useState<PlannedSummary[] | null>(null);
  const [notice, setNotice] = useState('');
  const summaries = useMemoryQuery(service, (m) => m.summaries(), []);
  const { olderThanMs, maxRecalls, minGroup } = defaultCompactionPolicy;

  const preview = async () => {
    const planned = await service.act((m) => m.compactionPlan());
    if (planned) setPlan(planned);
  };
  const compact = async () => {
    const made = await service.compact();
    setPlan(null);
    if (made) setNotice(compactionNotice(made));
  };

  return (
    <section className="memory-card" aria-label="Compaction">
      <h3>Compaction</h3>
      <p className="memory-help">
        Archives memories older than {Math.round(olderThanMs / DAY_MS)} days and recalled at most{' '}
        {maxRecalls === 1 ? 'once' : `${maxRecalls} times`} behind one summary per topic (what they
        are about, then their kind; {minGroup} or more to a topic), so recall finds the gist.
        Nothing is deleted: each summary opens its originals.
      </p>
      <div className="memory-actions">
        <button type="button" className="button-small" onClick={() => void preview()}>
          Preview
        </button>
        <button type="button" className="button-small" onClick={() => void compact()}>
          Compact now
        </button>
      </div>
      {plan &&
        (plan.length === 0 ? (
          <p role="status">Nothing old enough to compact.</p>
        ) : (
          <ul className="memory-plan" aria-label="Compaction preview">
            {plan.map((p) => (
              <li key={`${p.entity}\u0000${p.kind}`}>
                <strong>{p.entity ? names(p.entity) : 'No entity'}</strong> · {p.kind}: {p.count}{' '}
                memories, {day.format(p.from)} to {day.format(p.to)}
              </li>
            ))}
          </ul>
        ))}
      {notice && <p role="status">{notice}</p>}
      <h4>Summaries so far</h4>
      {summaries.length === 0 ? (
        <p className="memory-help">None yet.</p>
      ) : (
        <ul className="memory-summaries" aria-label="Compaction summaries">
          {summaries.map((s) => (
            <li key={s.id}>
              <MemoryRow service={service} item={s} names={names} />
            </li>
          ))}
        </ul>
      )}
      <h4>Summaries are written by</h4>
      <SummaryAgentForm service={service} />
    </section>
  );
}

/** What compaction did, and who wrote its summaries (or why they are extractive). */
function compactionNotice({ summaries, byAgent, fallback }: CompactionResult): string {
  const n = summaries.length;
  if (n === 0) return 'Nothing old enough to compact.';
  const archived = summaries.reduce((sum, s) => sum + (s.summarizes?.length ?? 0), 0);
  const made = `Archived ${archived} memories behind ${n} ${n === 1 ? 'summary' : 'summaries'}`;
  const agent = summaries.find(
    (s) => s.source.type === 'compaction' && s.source.by !== 'extractive',
  );
  const by = agent?.source.type === 'compaction' ? agent.source.by : undefined;
  if (byAgent === n) return `${made}, written by ${by}.`;
  if (byAgent > 0)
    return `${made}: ${byAgent} written by ${by}, the rest extractive (${fallback}).`;
  return `${made}, extractive: ${fallback}.`;
}
