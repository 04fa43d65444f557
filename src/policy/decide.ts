import type { Decision, Policies, SideEffectClass } from '../flow/index.ts';

interface PolicyDecision {
  readonly decision: Decision;
  /** The rule that decided, or null for the workspace default. */
  readonly rule: string | null;
  readonly reason: string;
}

/** What happens when no rule matches: reading and writing our own data is fine; money and deletion ask. */
const safeDefaults: Readonly<Record<SideEffectClass, Decision>> = {
  read: 'allow',
  write: 'allow',
  'external-message': 'allow',
  destructive: 'approve',
  money: 'approve',
};

/**
 * Decides a capability call. A rule naming the capability beats one naming its side-effect class;
 * among equals the first wins. An `allow` with `minConfidence` escalates to `approve` when the
 * agent's confidence is lower or unknown.
 * @example decide(policies, { capability: 'email.send', sideEffect: 'external-message', confidence: 0.6 })
 */
export function decide(
  policies: Policies,
  call: { capability: string; sideEffect: SideEffectClass; confidence?: number },
  defaults: Readonly<Record<SideEffectClass, Decision>> = safeDefaults,
  usage?: { externalMessages: number; money: number },
): PolicyDecision {
  const verdict = decideByRules(policies, call, defaults);
  if (verdict.decision !== 'allow' || !usage) return verdict;
  // A spent budget turns an allowed call into a question, never into a silent failure.
  const { budgets } = policies;
  if (
    call.sideEffect === 'external-message' &&
    budgets.externalMessages !== undefined &&
    usage.externalMessages >= budgets.externalMessages
  ) {
    return {
      decision: 'approve',
      rule: 'budget.externalMessages',
      reason: `this run already sent ${usage.externalMessages} of its ${budgets.externalMessages} external messages`,
    };
  }
  if (call.sideEffect === 'money' && budgets.money !== undefined && usage.money >= budgets.money) {
    return {
      decision: 'approve',
      rule: 'budget.money',
      reason: `this run already moved ${usage.money} of its ${budgets.money} budget`,
    };
  }
  return verdict;
}

function decideByRules(
  policies: Policies,
  call: { capability: string; sideEffect: SideEffectClass; confidence?: number },
  defaults: Readonly<Record<SideEffectClass, Decision>>,
): PolicyDecision {
  const rule =
    policies.rules.find((r) => r.capability === call.capability) ??
    policies.rules.find((r) => r.capability === undefined && r.sideEffect === call.sideEffect);
  if (!rule)
    return {
      decision: defaults[call.sideEffect],
      rule: null,
      reason: `default for ${call.sideEffect}`,
    };
  if (
    rule.decision === 'allow' &&
    rule.minConfidence !== undefined &&
    !(call.confidence !== undefined && call.confidence >= rule.minConfidence)
  ) {
    const shown = call.confidence === undefined ? 'unknown' : call.confidence.toFixed(2);
    return {
      decision: 'approve',
      rule: rule.id,
      reason: `confidence ${shown} is below ${rule.minConfidence}`,
    };
  }
  return { decision: rule.decision, rule: rule.id, reason: rule.reason || `rule ${rule.id}` };
}
