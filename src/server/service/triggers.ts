import { z } from 'zod';
import type { Flow } from '../../flow/index.ts';
import { triggerSchema, type Trigger, type WebhookTrigger } from '../../nodes/start/triggers.ts';

const triggerList = z.array(triggerSchema);

/** The triggers on a flow's Start node (validated with the flow; parsed again here by type). */
export function triggersOf(flow: Flow): Trigger[] {
  const start = flow.nodes.find((n) => n.type === 'start');
  const parsed = triggerList.safeParse(start?.data['triggers'] ?? []);
  return parsed.success ? parsed.data : [];
}

export function webhookTriggerOf(flow: Flow): WebhookTrigger | undefined {
  return triggersOf(flow).find((t): t is WebhookTrigger => t.type === 'webhook');
}
