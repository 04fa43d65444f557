import { resolveCapability } from '../../capabilities/index.ts';
import { resolveField, render } from '../../engine/expressions.ts';
import { NodeError, type Executor } from '../../engine/executor.ts';
import { performEffect } from '../../capabilities/index.ts';
import { decide } from '../../policy/index.ts';

interface CapabilityData {
  capability: string;
  input: Record<string, string>;
  idempotencyKey?: string;
}

const confidenceOf = (value: unknown): number | undefined => {
  const c =
    value && typeof value === 'object'
      ? (value as Record<string, unknown>)['confidence']
      : undefined;
  return typeof c === 'number' ? c : undefined;
};

/**
 * One capability call: map the input, validate it, ask policy, then perform it through the
 * effects ledger so it happens at most once per idempotency key, however often this node re-runs.
 */
export const runCapability: Executor<CapabilityData> = async (x) => {
  const { data } = x.node;
  const capability = resolveCapability(data.capability, x.flow);
  const raw: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(data.input))
    raw[name] = await resolveField(template, x.scope, `input.${name}`);
  const parsed = capability.input.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first ? ['input', ...first.path.map(String)].join('.') : 'input';
    throw new NodeError(
      'bad-input',
      `${capability.title}: ${path}: ${first?.message ?? 'invalid input'}`,
      { path },
    );
  }
  const key = data.idempotencyKey
    ? await render(data.idempotencyKey, x.scope, 'idempotencyKey')
    : `${x.runId}/${x.node.id}/${x.visit}`;
  // An effect that already happened was decided then: asking policy again (with budgets now
  // counting this very effect) could stop a resumed run at a call it must not repeat anyway.
  if ((await x.services.ledger.get(key))?.status === 'completed') {
    return { output: await performEffect(x, capability, key, parsed.data) };
  }
  const confidence = confidenceOf(x.scope.input);
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
  return { output: await performEffect(x, capability, key, input) };
};
