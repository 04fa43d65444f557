import { until } from '../engine/harness/world.ts';

/** `until` at a pace a database can bear (PGlite has one session), 20 s by default. */
export const eventually = <T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 20_000,
): Promise<T> => until(check, what, ms, 50);
