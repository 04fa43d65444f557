import { expect } from 'vitest';
import type { RunEvent } from '../../../src/engine/index.ts';

/** Sequence numbers run 1..n without gaps, and every cause points back in time. */
export function expectWellFormedLog(events: readonly RunEvent[]): void {
  events.forEach((event, i) => {
    expect(event.seq).toBe(i + 1);
    if (event.causedBy !== null) expect(event.causedBy).toBeLessThan(event.seq);
  });
}
