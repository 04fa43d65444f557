import type * as z from 'zod';
import { frozen } from './immutable.ts';
import type { runEventBodySchema, runEventEnvelopeSchema } from './eventSchema.ts';

/** What happened in a run, one fact per event (`runEventBodySchema`). The log is append-only. */
export type RunEventBody = Readonly<z.infer<typeof runEventBodySchema>>;

/** An event as logged: its fact, its run, its gapless `seq`, its time and what caused it. */
export type RunEvent = RunEventBody & Readonly<z.infer<typeof runEventEnvelopeSchema>>;

/** What a person tells a paused (or running) run. */
export type DebugCommand = 'continue' | 'step' | 'pause';

/**
 * An event as logged, deep-frozen (see `immutable`): the fact's fields, then the envelope's
 * (replacing any the fact carries, so a logged event can be told again under another run). Copied
 * key by key: in V8, a spread followed by more properties (`{ ...body, seq }`) takes a slow path
 * that cost ~25 µs per event here.
 */
export function logged(
  body: RunEventBody | RunEvent,
  runId: string,
  seq: number,
  at: number,
  causedBy: number | null,
): RunEvent {
  const event: Record<string, unknown> = {};
  for (const key in body) {
    const value = (body as Record<string, unknown>)[key];
    if (value !== undefined) event[key] = value;
  }
  event['runId'] = runId;
  event['seq'] = seq;
  event['at'] = at;
  event['causedBy'] = causedBy;
  return frozen(event) as RunEvent;
}
