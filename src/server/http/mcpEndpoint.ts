import type { Hono } from 'hono';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ServiceError } from '../service/errors.ts';
import { FlowTools, RUN_STATUS_TOOL, type RunOutcome } from '../service/flowTools.ts';
import type { WorkspaceService } from '../service/workspace.ts';
import type { SqlQueryable } from '../sql/client.ts';

const FAILED = new Set(['failed', 'compensated', 'stopped', 'needs-attention']);

/** A run's outcome as a tool's answer: an error when the run did not succeed. */
function answerOf(outcome: RunOutcome): CallToolResult {
  const said =
    outcome.status === 'succeeded'
      ? `The run ${outcome.runId} succeeded.`
      : outcome.waitingFor
        ? `The run ${outcome.runId} waits for a person to decide: ${outcome.waitingFor.join('; ')}. They decide in the workspace's inbox; ask ${RUN_STATUS_TOOL} with this runId later.`
        : FAILED.has(outcome.status)
          ? `The run ${outcome.runId} ended ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}.`
          : outcome.status === 'queued'
            ? `The run ${outcome.runId} has not started yet (or no run has this id); ask ${RUN_STATUS_TOOL} again later.`
            : `The run ${outcome.runId} is ${outcome.status}; ask ${RUN_STATUS_TOOL} with this runId later.`;
  return {
    content: [{ type: 'text', text: `${said}\n${JSON.stringify(outcome)}` }],
    structuredContent: { ...outcome },
    ...(FAILED.has(outcome.status) ? { isError: true } : {}),
  };
}

/**
 * A refusal the calling agent can act on (bad input, an unknown flow or run, a key reused with
 * another input): the message, then the error as the HTTP API sends it (code, fix, field).
 */
function refusal(error: unknown): CallToolResult {
  if (!(error instanceof ServiceError)) throw error;
  const text = `${error.message}
${JSON.stringify(error.toJSON())}`;
  return { isError: true, content: [{ type: 'text', text }] };
}

/**
 * A call's idempotency key, so a client that sends a call again (its connection dropped) gets
 * the first call's run: `_meta.idempotencyKey` in the call, or the HTTP `Idempotency-Key` header.
 */
function keyOf(extra: {
  _meta?: Record<string, unknown>;
  requestInfo?: { headers: Record<string, string | string[] | undefined> };
}): unknown {
  return extra._meta?.['idempotencyKey'] ?? extra.requestInfo?.headers['idempotency-key'];
}

/** One MCP server per request (stateless), offering the deployed flows as they are now. */
async function serverFor(tools: FlowTools): Promise<McpServer> {
  const server = new McpServer({ name: 'aios-workspace', version: '1.0.0' });
  for (const tool of await tools.list())
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema },
      async (args, extra) => {
        try {
          return answerOf(await tools.call(tool.name, args, extra.signal, keyOf(extra)));
        } catch (error) {
          return refusal(error);
        }
      },
    );
  server.registerTool(
    RUN_STATUS_TOOL,
    {
      title: 'Run status',
      description: 'Where a workspace run stands, with its result once it has one.',
      inputSchema: { runId: z.string().min(1).max(200) },
      annotations: { readOnlyHint: true },
    },
    async ({ runId }, extra) => {
      try {
        return answerOf(await tools.outcome(runId, extra.signal, 0));
      } catch (error) {
        return refusal(error);
      }
    },
  );
  return server;
}

/**
 * `/mcp` on the API (behind its access token): the workspace's deployed flows as MCP tools over
 * Streamable HTTP, for other agents to run playbooks. Stateless: each request gets a server of
 * its own, so a newly deployed flow is offered at once and no session outlives a request.
 */
export function mcpEndpoint(api: Hono, service: WorkspaceService, db: SqlQueryable): void {
  const tools = new FlowTools(service, db);
  api.all('/mcp', async (c) => {
    const server = await serverFor(tools);
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
}
