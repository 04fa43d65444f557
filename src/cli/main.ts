import { flowJsonSchema } from '../flow/index.ts';
import { nodeKinds } from '../nodes/index.ts';
import type { CliIo } from './io.ts';
import { compileCommand } from './compile.ts';
import { importCommand, importUsage } from './import.ts';
import { runCommand, runUsage } from './run.ts';
import { runsCommand, runsUsage } from './runs.ts';
import { serveCommand, serveUsage } from './serve.ts';
import { validateCommand } from './validate.ts';
import { workerCommand, workerUsage } from './worker.ts';

const usage = `aios: AIOS Workspace from the command line

  aios validate FLOW.json...   check flow documents; exit 0 only if all are valid
  aios compile FLOW.json       print the flow's XState machine config (for Stately's visualizer)
  aios run FLOW.json ...       run a flow headless, printing its event log as JSON lines
  aios runs / events / resume  list, read and go on with runs kept with --data or --database
  aios serve                   the workspace server: API, webhooks, workers (embedded database)
  aios worker --database URL   drive runs from a PostgreSQL server's queue (scale out)
  aios import FILE -o FLOW.json  convert an n8n, Node-RED, Dify or Flowise export (see below)
  aios schema                  print the JSON Schema of flow documents
  aios help                    this text

${runUsage}

${runsUsage}

${serveUsage}

${workerUsage}

${importUsage}`;

/** Runs one CLI command and returns the process exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'validate':
      return validateCommand(rest, io);
    case 'compile':
      return compileCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    case 'runs':
    case 'events':
    case 'resume':
      return runsCommand(command, rest, io);
    case 'serve':
      return serveCommand(rest, io);
    case 'worker':
      return workerCommand(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'schema':
      io.out(JSON.stringify(flowJsonSchema(nodeKinds), null, 2));
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(usage);
      return 0;
    default:
      io.err(`aios: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}
