import { NodeError } from '../../engine/contract/index.ts';
import type { KindExecutor } from '../kind.ts';
import type { placeholder } from './schema.ts';

/** Never reached in a validated flow (a placeholder never validates); says so if it ever is. */
export const runPlaceholder: KindExecutor<typeof placeholder> = (x) =>
  Promise.reject(
    new NodeError(
      'placeholder',
      `"${x.node.label}" stands in for the ${x.node.data.source} node ${x.node.data.originalType}; replace it before running`,
    ),
  );
