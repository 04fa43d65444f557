import type * as z from 'zod';
import type { runEventBodySchema, runEventEnvelopeSchema } from './eventSchema.ts';

/** What happened in a run, one fact per event (`runEventBodySchema`). The log is append-only. */
export type RunEventBody = Readonly<z.infer<typeof runEventBodySchema>>;

/** An event as logged: its fact, its run, its gapless `seq`, its time and what caused it. */
export type RunEvent = RunEventBody & Readonly<z.infer<typeof runEventEnvelopeSchema>>;

export type RunEventType = RunEventBody['type'];

/** What a person tells a paused (or running) run. */
export type DebugCommand = 'continue' | 'step' | 'pause';
