import type { Executor } from '../../engine/executor.ts';

/** Hands its input to every branch; the engine starts them side by side. */
export const runParallel: Executor<unknown> = ({ scope }) =>
  Promise.resolve({ output: scope.input });
