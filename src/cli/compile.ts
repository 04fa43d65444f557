import { compile, CompileError } from '../engine/index.ts';
import { kindsByName } from '../nodes/index.ts';
import type { CliIo } from './io.ts';
import { loadFlowFile } from './load.ts';

/** `aios compile FLOW`: prints the XState machine config (paste it into Stately's visualizer). */
export async function compileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flow = await loadFlowFile(args[0], io);
  if (!flow) return 1;
  try {
    io.out(JSON.stringify(compile(flow, kindsByName).machine, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof CompileError) {
      io.err(`${args[0]}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
