import type * as z from 'zod';
import type {
  approvalDecisionSchema,
  approvalRequestSchema,
  outgoingRequestSchema,
} from '../eventSchema.ts';

/** What a person is asked to decide (`approvalRequestSchema`). */
export type ApprovalRequest = Readonly<z.infer<typeof approvalRequestSchema>>;
export type OutgoingRequest = Readonly<z.infer<typeof outgoingRequestSchema>>;
export type ApprovalDecision = Readonly<z.infer<typeof approvalDecisionSchema>>;

export interface ApprovalDesk {
  /** Resolves once the request is decided (possibly long after, possibly in a later session). */
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
