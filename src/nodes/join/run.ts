import type { KindExecutor } from '../kind.ts';
import type { join } from './schema.ts';

/** Its input is what the branches delivered, by branch id; it hands that on. */
export const runJoin: KindExecutor<typeof join> = ({ scope }) =>
  Promise.resolve({ output: scope.input ?? {} });
