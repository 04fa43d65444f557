import type { MemoryItem } from '../../memory/schema.ts';

/** One run step that wrote or recalled memories about an entity. */
interface RunStep {
  readonly runId: string;
  readonly nodeId: string;
  readonly did: 'wrote' | 'recalled';
  readonly at: number;
  readonly count: number;
}

/**
 * The run steps that wrote this entity's memories or recalled them, newest first, one line per
 * step and what it did.
 */
export function runStepsOf(memories: readonly MemoryItem[]): RunStep[] {
  const steps = new Map<string, RunStep>();
  const note = (runId: string, nodeId: string, did: RunStep['did'], at: number) => {
    const key = `${did} ${runId} ${nodeId}`;
    const seen = steps.get(key);
    steps.set(key, {
      runId,
      nodeId,
      did,
      at: Math.max(at, seen?.at ?? 0),
      count: (seen?.count ?? 0) + 1,
    });
  };
  for (const m of memories) {
    if (m.source.type === 'run') note(m.source.runId, m.source.nodeId, 'wrote', m.createdAt);
    for (const r of m.recalledBy ?? []) note(r.runId, r.nodeId, 'recalled', r.at);
  }
  return [...steps.values()].sort((a, b) => b.at - a.at);
}
