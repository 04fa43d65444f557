import type { Draft, DraftNode } from './draft.ts';
import { node, webhookStart, type Origin } from './make.ts';
import { at, list, text } from './sanitize.ts';

const int = (value: unknown, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** An n8n Schedule Trigger rule as cron, or `undefined` when it has no cron equivalent. */
function cronOf(rule: unknown): string | undefined {
  const minute = int(at(rule, 'triggerAtMinute'), 0);
  const hour = int(at(rule, 'triggerAtHour'), 0);
  switch (text(rule, 'days', 'field')) {
    case 'cronExpression':
      return text(rule, '', 'expression') || undefined;
    case 'seconds':
      return undefined;
    case 'minutes':
      return `*/${Math.max(1, int(at(rule, 'minutesInterval'), 5))} * * * *`;
    case 'hours':
      return `${minute} */${Math.max(1, int(at(rule, 'hoursInterval'), 1))} * * *`;
    case 'days':
      return `${minute} ${hour} */${Math.max(1, int(at(rule, 'daysInterval'), 1))} * *`;
    case 'weeks': {
      const days = list(rule, 'triggerAtDay').map((d) => int(d, 1));
      return `${minute} ${hour} * * ${days.length ? days.join(',') : '1'}`;
    }
    case 'months':
      return `${minute} ${hour} ${int(at(rule, 'triggerAtDayOfMonth'), 1)} */${Math.max(1, int(at(rule, 'monthsInterval'), 1))} *`;
    default:
      return undefined;
  }
}

const TRIGGER = /(Trigger|\.start|\.webhook|\.cron|\.formTrigger)$/;

/**
 * n8n triggers become the Start node with our triggers (manual, schedule, webhook); a trigger
 * we have no counterpart for (Gmail, a form…) starts by hand, and the report says so.
 */
export function n8nTrigger(
  draft: Draft,
  origin: Origin,
  parameters: Record<string, unknown>,
): DraftNode | undefined {
  if (!TRIGGER.test(origin.type)) return undefined;
  const type = origin.type.replace(/^.*\./, '');
  if (type === 'manualTrigger' || type === 'start' || type === 'executeWorkflowTrigger') {
    const made = node(draft, origin, 'start', { triggers: [{ type: 'manual' }] });
    draft.record(origin.name, origin.type, 'mapped', made, 'runs by hand');
    return made;
  }
  if (type === 'scheduleTrigger' || type === 'cron') {
    const rules = type === 'cron' ? [] : list(parameters, 'rule', 'interval');
    const crons = rules.map(cronOf);
    const schedules = crons.flatMap((cron) =>
      cron ? [{ type: 'schedule', cron, timezone: 'UTC', missed: 'skip' }] : [],
    );
    const made = node(draft, origin, 'start', {
      triggers: schedules.length ? schedules : [{ type: 'manual' }],
    });
    const whole = schedules.length > 0 && schedules.length === crons.length;
    draft.record(
      origin.name,
      origin.type,
      whole ? 'mapped' : 'approximated',
      made,
      whole
        ? `runs on ${schedules.map((s) => `"${s.cron}"`).join(', ')} (UTC: check the time zone)`
        : 'a schedule without a cron equivalent (seconds, legacy Cron node): runs by hand until a schedule is set',
    );
    return made;
  }
  if (type === 'webhook')
    return webhookStart(
      draft,
      origin,
      `n8n path "${text(parameters, '', 'path')}", ${text(parameters, 'GET', 'httpMethod')}`,
    );
  const made = node(draft, origin, 'start', { triggers: [{ type: 'manual' }] });
  draft.record(
    origin.name,
    origin.type,
    'approximated',
    made,
    `the ${type} trigger has no counterpart: this flow runs by hand (or add a schedule or webhook)`,
  );
  return made;
}
