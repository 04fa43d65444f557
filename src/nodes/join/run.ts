import type { Executor } from '../../engine/executor.ts';

/** Its input is what the branches delivered, by branch id; it hands that on. */
export const runJoin: Executor<unknown> = ({ scope }) =>
  Promise.resolve({ output: scope.input ?? {} });
