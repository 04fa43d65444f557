import type { KindExecutor } from '../kind.ts';
import type { parallel } from './schema.ts';

/** Hands its input to every branch; the engine starts them side by side. */
export const runParallel: KindExecutor<typeof parallel> = ({ scope }) =>
  Promise.resolve({ output: scope.input });
