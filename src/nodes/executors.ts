import { runAgentNode } from './agent/run.ts';
import { runApproval } from './approval/run.ts';
import { runCapability } from './capability/run.ts';
import { runCode } from './code/run.ts';
import { runCondition } from './condition/run.ts';
import { runJoin } from './join/run.ts';
import { runLoop } from './loop/run.ts';
import { runOutput } from './output/run.ts';
import { runParallel } from './parallel/run.ts';
import { runPlaceholder } from './placeholder/run.ts';
import { runRecall } from './recall/run.ts';
import type { KindExecutor } from './kind.ts';
import type { KindDefOf, NodeKind } from './registry.ts';
import { runRemember } from './remember/run.ts';
import { runStart } from './start/run.ts';
import { runSubflow } from './subflow/run.ts';
import { runTransform } from './transform/run.ts';

/**
 * The runtime half of each kind, kept apart from the registry so the canvas bundle does not pull
 * in executors. The mapped type makes a kind without an executor, or an executor typed from
 * another kind's schema, a compile error.
 */
export const executors: { readonly [K in NodeKind]: KindExecutor<KindDefOf<K>> } = {
  start: runStart,
  agent: runAgentNode,
  capability: runCapability,
  approval: runApproval,
  condition: runCondition,
  parallel: runParallel,
  join: runJoin,
  loop: runLoop,
  transform: runTransform,
  code: runCode,
  recall: runRecall,
  remember: runRemember,
  subflow: runSubflow,
  output: runOutput,
  placeholder: runPlaceholder,
};
