import type { EffectRecord, Execution } from '../engine/contract/index.ts';
import type { Resolved } from './resolve.ts';

/** Approving "did it happen?" without giving the result: it happened, nothing more is known. */
const unchanged = (subject: unknown) =>
  subject === undefined ||
  subject === null ||
  (typeof subject === 'object' && !Array.isArray(subject) && Object.keys(subject).length === 0);

type Outcome =
  | { readonly happened: true; readonly output: unknown; readonly resultKnown: boolean }
  | { readonly happened: false };

/**
 * Asks a person whether an effect whose outcome is unknown happened, durably (the desk, key
 * `outcome:<key>`, so a resumed run finds the same question). Approving as is records "happened,
 * result not known" (`resultKnown: false`, output null), never an empty result later nodes would
 * read as data; editing first gives the result.
 */
export async function askOutcome(
  x: Execution<unknown>,
  capability: Pick<Resolved, 'id' | 'title'>,
  key: string,
  why: string,
): Promise<Outcome> {
  const answer = await x.services.approvals.request(
    {
      key: `outcome:${key}`,
      runId: x.runId,
      nodeId: x.node.id,
      reason: 'outcome',
      title: `Did "${capability.title}" happen?`,
      preview: `${why} Check the remote system. Approve if it happened (as is, it is recorded as "happened, result not known"; Edit… first to give its result); reject if it did not.`,
      subject: {},
      allowEdit: true,
      expiresAt: null,
      onTimeout: 'hold',
      capability: capability.id,
    },
    x.signal,
  );
  if (answer.decision !== 'approved') return { happened: false };
  return unchanged(answer.subject)
    ? { happened: true, output: null, resultKnown: false }
    : { happened: true, output: answer.subject, resultKnown: true };
}

/** The ledger entry once a person said it happened. */
export function happened(
  existing: EffectRecord,
  outcome: Extract<Outcome, { happened: true }>,
  now: number,
): EffectRecord {
  return {
    ...existing,
    status: 'completed',
    output: outcome.output,
    ...(outcome.resultKnown ? {} : { resultUnknown: true }),
    finishedAt: now,
  };
}
