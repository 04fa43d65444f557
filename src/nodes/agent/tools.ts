import { z } from 'zod';
import type { AgentData } from '../../agents/index.ts';
import type { AgentToolbox, ToolOutcome } from '../../agents/index.ts';
import { callCapability, resolveCapability, type Resolved } from '../../capabilities/index.ts';
import {
  addUsage,
  NodeError,
  type Execution,
  type ExecutorEvent,
  type LlmTool,
} from '../../engine/contract/index.ts';

/** Providers allow `[A-Za-z0-9_-]` in tool names; capability ids have dots and never `_`. */
const toolNameOf = (capabilityId: string): string => capabilityId.replaceAll('.', '_');

function inputSchemaOf(capability: Resolved): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(capability.input, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  // Providers want an object schema; a capability without declared fields takes any object.
  return schema['type'] === 'object' ? schema : { type: 'object', additionalProperties: true };
}

/** Refusals the model can act on: it sent bad input, policy or a person said no, or an MCP tool answered with an error. */
const correctable = (error: NodeError): boolean =>
  ['bad-input', 'policy-denied', 'approval-rejected', 'mcp-tool-error'].includes(error.code) ||
  (error.code === 'http' && !error.extra.retryable);

/**
 * An agent node's `tools` as a toolbox: each call goes the way a capability node's does (input
 * validated, policy decided, approval when asked for, effect through the ledger), under the key
 * `runId/nodeId/visit/tool/n`, so a resumed or retried agent gets a completed call's recorded
 * result instead of making it again.
 */
export function capabilityToolbox(x: Execution<AgentData>): AgentToolbox {
  const byName = new Map<string, Resolved>();
  const tools: LlmTool[] = x.node.data.tools.map((id) => {
    const capability = resolveCapability(id, x.flow, x.services.capabilities);
    byName.set(toolNameOf(id), capability);
    return {
      name: toolNameOf(id),
      description: `${capability.title}. ${capability.description}`.trim(),
      inputSchema: inputSchemaOf(capability),
    };
  });
  // Effects of earlier tool calls count toward this run's budgets before the node ends.
  let usage = x.usage;
  const log = (event: ExecutorEvent) => {
    usage = addUsage(usage, event);
    x.log(event);
  };
  return {
    tools,
    async call(name, input, n): Promise<ToolOutcome> {
      const key = `${x.runId}/${x.node.id}/${x.visit}/tool/${n}`;
      const capability = byName.get(name);
      const refuse = (error: string): ToolOutcome => {
        log({
          type: 'tool.called',
          node: x.node.id,
          capability: capability?.id ?? name,
          call: n,
          key,
          ok: false,
          error,
        });
        return { ok: false, error };
      };
      if (!capability)
        return refuse(`there is no tool "${name}"; the tools are ${[...byName.keys()].join(', ')}`);
      if (typeof input === 'string' || !input || typeof input !== 'object')
        return refuse(`${name}: the arguments must be a JSON object matching the tool's schema`);
      const recorded = await x.services.ledger.get(key);
      if (recorded && recorded.capability !== capability.id)
        throw new NodeError(
          'tool-replay-diverged',
          `after a restart the model asked for ${capability.id} as tool call ${n}, which was ${recorded.capability} before; check the run's effects, then retry the node`,
        );
      try {
        const output = await callCapability({ ...x, usage, log }, capability, input, {
          key,
          inputPath: 'input',
        });
        log({
          type: 'tool.called',
          node: x.node.id,
          capability: capability.id,
          call: n,
          key,
          ok: true,
        });
        return { ok: true, output };
      } catch (error) {
        if (error instanceof NodeError && correctable(error)) return refuse(error.message);
        throw error;
      }
    },
  };
}
