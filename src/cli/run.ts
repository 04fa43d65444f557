import { parseArgs } from 'node:util';
import { CompileError } from '../engine/index.ts';
import { cliEngine, drive, readConnections, readMcpServers } from './drive.ts';
import type { CliIo } from './io.ts';
import { loadFlowFile } from './load.ts';
import { storeOptions, storeUsage, withRunStore } from './runStore.ts';

export const runUsage = `aios run FLOW.json [--input JSON] [--connections FILE] [--mcp FILE] [--approve] [--data DIR | --database URL]
  --input JSON         the run's input (default {})
  --connections FILE   JSON like {"mail":{"baseUrl":"http://…"},"billing":{…},"crm":{…}}
  --mcp FILE           MCP servers whose tools the flow calls (as for aios serve)
  --approve            approve every approval request (otherwise the run stops at the first one)
${storeUsage}
  LLM: AIOS_LLM_BASE_URL (OpenAI-compatible, e.g. http://127.0.0.1:11434/v1) and AIOS_LLM_API_KEY
  Secrets: AIOS_SECRET_<NAME>, e.g. AIOS_SECRET_BILLING_API_KEY`;

/**
 * `aios run FLOW`: runs a flow headless with the same engine as the app, printing each event as a
 * JSON line and then the result. Exit 0 when it succeeded, 3 when it waits for a person, 1 otherwise.
 */
export async function runCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        connections: { type: 'string' },
        mcp: { type: 'string' },
        approve: { type: 'boolean' },
        ...storeOptions,
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${runUsage}`);
    return 2;
  }
  const flow = await loadFlowFile(parsed.positionals[0], io);
  if (!flow) return 1;
  let input: unknown = {};
  try {
    if (parsed.values.input) input = JSON.parse(parsed.values.input);
  } catch (error) {
    io.err(`cannot read --input: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const connections = await readConnections(parsed.values.connections, io);
  if (!connections) return 2;
  const mcpServers = await readMcpServers(parsed.values.mcp, io);
  if (!mcpServers) return 2;
  return withRunStore(parsed.values, io, async (opened) => {
    const { engine, io: shown, mcp } = cliEngine(opened.store, connections, env, io, mcpServers);
    try {
      engine.onEvent((event) => shown.out(JSON.stringify(event)));
      await mcp.ready;
      for (const [name, problems] of mcp.tools.problems)
        io.err(`mcp ${name}: ${problems.join('; ')}`);
      let run;
      try {
        run = await engine.start(flow, input);
      } catch (error) {
        if (error instanceof CompileError) {
          io.err(error.message);
          return 1;
        }
        throw error;
      }
      const hint = opened.where
        ? ` (the run is kept: aios resume ${run.runId} ${opened.where} --approve)`
        : ' (run again with --approve to approve everything)';
      return await drive(engine, run, parsed.values.approve === true, shown, hint);
    } finally {
      await mcp.close();
    }
  });
}
