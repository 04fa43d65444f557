import type { ApprovalRequest } from '../../engine/index.ts';

/** Why a person is asked: the policy rule (and its stated reason), the agent's confidence, the deadline. */
export function ApprovalMeta({
  request,
  ruleReason,
}: {
  request: ApprovalRequest;
  /** The reason the flow gives for the rule that asked, when known. */
  ruleReason?: string | undefined;
}) {
  // A policy request's preview starts with the verdict's own reason ("confidence 0.60 is below 0.85").
  const verdict = request.reason === 'policy' ? request.preview.split('\n\n')[0] : undefined;
  return (
    <div className="approval-meta">
      <span>
        {request.reason === 'policy'
          ? `asked by policy${request.rule ? ` rule ${request.rule}` : ' (workspace default)'}`
          : request.reason === 'outcome'
            ? 'did it happen?'
            : 'approval step'}
        {request.confidence !== undefined ? ` · confidence ${request.confidence.toFixed(2)}` : ''}
        {request.expiresAt !== null
          ? ` · ${request.onTimeout} at ${new Date(request.expiresAt).toLocaleString()}`
          : ''}
      </span>
      {request.confidence !== undefined && (
        <meter
          className="approval-confidence"
          min={0}
          max={1}
          low={0.5}
          high={0.85}
          optimum={1}
          value={request.confidence}
          aria-label="Agent confidence"
        />
      )}
      {(ruleReason || verdict) && (
        <span className="approval-why">
          {[...new Set([ruleReason, verdict].filter(Boolean))].join(' — ')}
        </span>
      )}
    </div>
  );
}
