import type { RunEvent } from '../../engine/index.ts';

/** What replay must reproduce of an event: the fact, not when it was written or under which id. */
export const fact = (e: RunEvent): string => {
  const body: Record<string, unknown> = { ...e };
  for (const key of ['runId', 'seq', 'at', 'causedBy', 'ms', 'key', 'request', 'decision'])
    delete body[key];
  return JSON.stringify(body);
};

/** Pauses, resumptions and rewinds belong to the session that watched the run, not to what it did. */
export const isFact = (e: RunEvent): boolean =>
  !e.type.startsWith('debug.') && e.type !== 'run.resumed' && e.type !== 'run.rewound';
