import type * as z from 'zod';
import type { usageSchema } from '../records.ts';
import type { ExecutorEvent } from './execution.ts';

/** What a run has consumed, checked against its flow's budgets. */
export type Usage = Readonly<z.infer<typeof usageSchema>>;

export const noUsage: Usage = { tokens: 0, costUsd: 0, externalMessages: 0, money: 0 };

/** Adds what an event consumed to a run's usage; other events change nothing. */
export function addUsage(usage: Usage, event: ExecutorEvent): Usage {
  if (event.type === 'llm.called') {
    return {
      ...usage,
      tokens: usage.tokens + event.inputTokens + event.outputTokens,
      costUsd: usage.costUsd + event.costUsd,
    };
  }
  if (event.type === 'effect.completed' && !event.reused) {
    if (event.sideEffect === 'external-message')
      return { ...usage, externalMessages: usage.externalMessages + 1 };
    if (event.sideEffect === 'money') return { ...usage, money: usage.money + (event.amount ?? 0) };
  }
  return usage;
}
