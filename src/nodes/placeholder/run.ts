import { NodeError } from '../../engine/executor.ts';
import type { Executor } from '../../engine/executor.ts';

/** Never reached in a validated flow (a placeholder never validates); says so if it ever is. */
export const runPlaceholder: Executor<{ source: string; originalType: string }> = (x) =>
  Promise.reject(
    new NodeError(
      'placeholder',
      `"${x.node.label}" stands in for the ${x.node.data.source} node ${x.node.data.originalType}; replace it before running`,
    ),
  );
