import type { z } from 'zod';
import type { ApprovalRecord } from '../../engine/index.ts';
import type { Flow } from '../../flow/index.ts';
import { contractFor } from '../capabilities/contracts.ts';

/** What an approval card needs to know from the flow that asked. */
interface ApprovalContext {
  /** The input schema of the capability being approved, to check edits against. */
  readonly schema?: z.ZodType | undefined;
  /** The reason the flow gives for the policy rule that asked. */
  readonly ruleReason?: string | undefined;
}

/**
 * Looks up, in the flow the run was started with, the capability an approval is about and the
 * policy rule that asked for it. Without the flow, built-in capabilities are still known.
 */
export function approvalContext(approval: ApprovalRecord, flow?: Flow): ApprovalContext {
  const { capability, rule } = approval.request;
  const reason = rule ? flow?.policies.rules.find((r) => r.id === rule)?.reason : undefined;
  return {
    schema: contractFor(capability, flow?.capabilities ?? [])?.input,
    ruleReason: reason || undefined,
  };
}
