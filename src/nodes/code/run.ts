import { NodeError } from '../../engine/contract/index.ts';
import { parseDuration } from '../common.ts';
import { runSandboxed } from './sandbox.ts';
import type { KindExecutor } from '../kind.ts';
import type { code } from './schema.ts';

/**
 * Runs the node's script in the sandbox. Console output is logged as one event whether the
 * script succeeds or not; a failure names its line and takes the error edge (or fails the run).
 * On replay the recorded output is reused, as for every node, so the script does not run again.
 */
export const runCode: KindExecutor<typeof code> = async (x) => {
  const { source, timeLimit, memoryLimitMb } = x.node.data;
  const outcome = await runSandboxed(source, x.scope.input, {
    timeMs: parseDuration(timeLimit),
    memoryBytes: memoryLimitMb * 1024 * 1024,
  });
  if (outcome.logs.length > 0)
    x.log({ type: 'code.logged', node: x.node.id, lines: [...outcome.logs] });
  if (!outcome.ok) {
    const where = outcome.line ? ` at line ${outcome.line}` : '';
    throw new NodeError(
      `code-${outcome.reason}`,
      `Code node "${x.node.label}"${where}: ${outcome.message}`,
      outcome.line ? { path: `source:${outcome.line}` } : {},
    );
  }
  return { output: JSON.parse(outcome.json) as unknown };
};
