import { NodeError, type Execution } from '../engine/contract/index.ts';
import { decide } from '../policy/decide.ts';
import { performEffect } from './perform.ts';
import type { Resolved } from './resolve.ts';

interface CallOptions {
  /** The effect's idempotency key: the same key never performs the call twice. */
  readonly key: string;
  /** The caller's confidence, for rules with a confidence threshold. */
  readonly confidence?: number;
  /** Where the input came from, to name the field in errors (`input` for a capability node). */
  readonly inputPath: string;
}

/**
 * One capability call under the operator's control, whoever makes it (a capability node or an
 * agent's tool call): validate the input, let policy decide (logged as `policy.decided`), ask a
 * person when policy says so, then perform it through the effects ledger.
 * Throws `NodeError` with code `bad-input`, `policy-denied` or `approval-rejected` when it refuses.
 * @example await callCapability(x, resolveCapability('crm.logActivity', x.flow), raw, { key, inputPath: 'input' })
 */
export async function callCapability(
  x: Execution<unknown>,
  capability: Resolved,
  raw: unknown,
  options: CallOptions,
): Promise<unknown> {
  const { key, confidence, inputPath } = options;
  const parsed = capability.input.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first ? [inputPath, ...first.path.map(String)].join('.') : inputPath;
    throw new NodeError(
      'bad-input',
      `${capability.title}: ${path}: ${first?.message ?? 'invalid input'}`,
      { path },
    );
  }
  // An effect that already happened was decided then: asking policy again (with budgets now
  // counting this very effect) could stop a resumed run at a call it must not repeat anyway.
  if ((await x.services.ledger.get(key))?.status === 'completed') {
    return performEffect(x, capability, key, parsed.data);
  }
  const verdict = decide(
    x.flow.policies,
    {
      capability: capability.id,
      sideEffect: capability.sideEffect,
      ...(confidence !== undefined ? { confidence } : {}),
    },
    undefined,
    x.usage,
  );
  x.log({
    type: 'policy.decided',
    node: x.node.id,
    capability: capability.id,
    decision: verdict.decision,
    rule: verdict.rule,
    reason: verdict.reason,
  });
  if (verdict.decision === 'deny') {
    throw new NodeError(
      'policy-denied',
      `policy ${verdict.rule ? `rule "${verdict.rule}"` : 'default'} denies ${capability.id}: ${verdict.reason}`,
    );
  }
  let input = parsed.data;
  if (verdict.decision === 'approve') {
    const request = capability.describe ? await capability.describe(input, x) : undefined;
    const answer = await x.services.approvals.request(
      {
        key: `policy:${key}`,
        runId: x.runId,
        nodeId: x.node.id,
        reason: 'policy',
        title: `${capability.title}: needs your approval`,
        preview: `${verdict.reason}\n\n\`\`\`json\n${JSON.stringify(input, null, 2)}\n\`\`\``,
        subject: input,
        allowEdit: true,
        expiresAt: null,
        onTimeout: 'hold',
        capability: capability.id,
        rule: verdict.rule,
        ...(confidence !== undefined ? { confidence } : {}),
        ...(request ? { request } : {}),
      },
      x.signal,
    );
    if (answer.decision !== 'approved') {
      throw new NodeError(
        'approval-rejected',
        `${capability.title} was not approved${answer.feedback ? `: ${answer.feedback}` : ''}`,
      );
    }
    const edited = capability.input.safeParse(answer.subject);
    if (!edited.success)
      throw new NodeError(
        'bad-input',
        `${capability.title}: the approved input is not valid: ${edited.error.issues[0]?.message ?? ''}`,
      );
    input = edited.data;
  }
  return performEffect(x, capability, key, input);
}
