import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpToolInfo, McpToolSchemas } from '../../flow/index.ts';
import type { AnyCapability } from '../define.ts';
import { schemaHashOf } from './hash.ts';
import {
  capabilityOfTool,
  idPartOf,
  mcpCapabilityId,
  type McpCallResult,
  type McpTool,
} from './tool.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `tools/call` answer; servers before protocol 2024-11-05 answer `toolResult` instead. */
function resultOf(answer: Record<string, unknown>): McpCallResult {
  const content: unknown = answer['content'];
  const structured = answer['structuredContent'];
  return {
    isError: answer['isError'] === true,
    content: Array.isArray(content)
      ? content
      : [{ type: 'text', text: JSON.stringify(answer['toolResult'] ?? null) }],
    ...(isRecord(structured) ? { structuredContent: structured } : {}),
  };
}

/** A tool known from its server's last list: its capability and the hash of its schemas. */
export interface KnownTool {
  readonly server: string;
  readonly tool: string;
  readonly capability: AnyCapability;
  readonly schemaHash: string;
  /** The tool as its server listed it. */
  readonly listed: McpTool;
  /** The hash a person accepted (when first seen), when the tool now has another: refused. */
  readonly changedFrom?: string | undefined;
  /** What that accepted hash was taken of, when its pin kept it. */
  readonly accepted?: McpToolSchemas | undefined;
}

/** A known tool as plain data (`mcpToolInfoSchema`), for the page and API clients. */
export function infoOf(known: KnownTool): McpToolInfo {
  const { capability: c, listed } = known;
  return {
    id: c.id,
    server: known.server,
    tool: known.tool,
    title: c.title,
    description: c.description,
    sideEffect: c.sideEffect,
    idempotency: c.idempotency,
    inputSchema: listed.inputSchema,
    ...(listed.outputSchema ? { outputSchema: listed.outputSchema } : {}),
    ...(listed.annotations ? { annotations: { ...listed.annotations } } : {}),
    schemaHash: known.schemaHash,
    changed: known.changedFrom !== undefined,
    ...(known.changedFrom !== undefined && known.accepted ? { previous: known.accepted } : {}),
  };
}

/**
 * A server's listed tools as capabilities, each called over `client`. A tool that cannot be
 * offered (no name to give it, two tools with one id, a schema zod cannot read) is left out and
 * said in `problems`.
 */
export async function toolsOf(
  server: string,
  client: Client,
  tools: readonly McpTool[],
): Promise<{ known: Map<string, KnownTool>; problems: string[] }> {
  const known = new Map<string, KnownTool>();
  const problems: string[] = [];
  for (const tool of tools) {
    const part = idPartOf(tool.name);
    if (part === undefined) {
      problems.push(`tool "${tool.name}" has no letters or digits to name it by`);
      continue;
    }
    const id = mcpCapabilityId(server, part);
    const clash = known.get(id);
    if (clash) {
      problems.push(
        `tools "${clash.tool}" and "${tool.name}" would both be ${id}; neither is offered`,
      );
      known.delete(id);
      continue;
    }
    try {
      const capability = capabilityOfTool(server, part, tool, async (name, args, signal) => {
        const result = await client.callTool({ name, arguments: args }, undefined, {
          signal,
          // A slow tool is cut off by the run (its signal), not by a fixed request timeout.
          timeout: 2 ** 31 - 1,
        });
        return resultOf(result);
      });
      known.set(id, {
        server,
        tool: tool.name,
        capability,
        schemaHash: await schemaHashOf(tool),
        listed: tool,
      });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { known, problems };
}
