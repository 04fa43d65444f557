import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { retryAfterMs } from '../http.ts';
import { defineService, digText } from '../service.ts';

// GitHub's REST API answers CORS, so these run anywhere. None of its writes takes an idempotency
// key: an issue, comment or dispatch cut off mid-call is settled by a person, never sent twice.

/** Documented wait for a secondary rate limit that gives no header: at least a minute. */
const SECONDARY_WAIT_MS = 60_000;

const githubService = defineService({
  id: 'github',
  title: 'GitHub',
  docs: 'https://docs.github.com/en/rest',
  baseUrl: 'https://api.github.com',
  auth: { scheme: 'bearer' },
  secretLabel: 'Fine-grained personal access token (github_pat_…)',
  encoding: 'json',
  headers: { accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
  runsOn: 'anywhere',
  // Errors are `{ message, documentation_url }`.
  errorMessage: (body) => digText(body, 'message'),
  // Rate limits come as 403 or 429: `retry-after` first; else, with no requests left, the reset
  // time (epoch seconds); else a secondary limit named in the message waits a minute. Any other
  // 403 is a permission the token lacks, not worth retrying.
  slowDown: (status, headers, body) => {
    if (status !== 403 && status !== 429) return undefined;
    const after = retryAfterMs(headers.get('retry-after'));
    if (after !== undefined) return { afterMs: after };
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset))
      return { afterMs: Math.max(0, reset * 1000 - Date.now()) };
    if (/rate limit/i.test(digText(body, 'message') ?? '')) return { afterMs: SECONDARY_WAIT_MS };
    return status === 429 ? {} : undefined;
  },
  test: { method: 'GET', path: '/user' },
});

/** An owner or repository name as GitHub allows them. */
const name = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'a GitHub owner or repository name');
const repository = { owner: name, repo: name };
const path = (input: { owner: string; repo: string }) =>
  `/repos/${encodeURIComponent(input.owner)}/${encodeURIComponent(input.repo)}`;

export const githubCreateIssue = defineCapability({
  id: 'github.createIssue',
  title: 'Open a GitHub issue',
  description: 'Opens an issue in a repository, with labels and assignees if given.',
  sideEffect: 'write',
  service: githubService,
  input: z.object({
    ...repository,
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional(),
    labels: z.array(z.string().min(1).max(50)).max(20).optional(),
    assignees: z.array(name).max(10).optional(),
  }),
  output: z.object({ number: z.number().int(), url: z.string() }),
  idempotency: 'none',
  async call(input, { remote }) {
    const issue = await remote.send(
      {
        method: 'POST',
        path: `${path(input)}/issues`,
        body: {
          title: input.title,
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.labels ? { labels: input.labels } : {}),
          ...(input.assignees ? { assignees: input.assignees } : {}),
        },
      },
      z.looseObject({ number: z.number().int(), html_url: z.string() }),
    );
    return { number: issue.number, url: issue.html_url };
  },
  preview: (input) => ({
    kind: 'document',
    title: `${input.owner}/${input.repo}: ${input.title}`,
    body: input.body ?? '',
  }),
});

export const githubComment = defineCapability({
  id: 'github.comment',
  title: 'Comment on a GitHub issue',
  description: 'Comments on an issue or pull request.',
  sideEffect: 'write',
  service: githubService,
  input: z.object({
    ...repository,
    issueNumber: z.number().int().positive(),
    body: z.string().min(1).max(65_536),
  }),
  output: z.object({ commentId: z.number().int(), url: z.string() }),
  idempotency: 'none',
  async call(input, { remote }) {
    const comment = await remote.send(
      {
        method: 'POST',
        path: `${path(input)}/issues/${input.issueNumber}/comments`,
        body: { body: input.body },
      },
      z.looseObject({ id: z.number().int(), html_url: z.string() }),
    );
    return { commentId: comment.id, url: comment.html_url };
  },
  preview: (input) => ({
    kind: 'document',
    title: `Comment on ${input.owner}/${input.repo}#${input.issueNumber}`,
    body: input.body,
  }),
});

/** GitHub's answer to a dispatch: 204 with no body, or the run when `return_run_details` is honoured. */
const dispatched = z.union([
  z.literal('').transform(() => ({})),
  z
    .looseObject({ workflow_run_id: z.number().int(), html_url: z.string().optional() })
    .transform((run) => ({
      runId: run.workflow_run_id,
      ...(run.html_url ? { url: run.html_url } : {}),
    })),
]);

export const githubDispatchWorkflow = defineCapability({
  id: 'github.dispatchWorkflow',
  title: 'Run a GitHub Actions workflow',
  description:
    'Starts a workflow that has a workflow_dispatch trigger on a branch or tag ("deploy a branch").',
  sideEffect: 'write',
  service: githubService,
  input: z.object({
    ...repository,
    /** The workflow's file name (e.g. `deploy.yml`) or its numeric id. */
    workflow: z.string().min(1).max(100),
    ref: z.string().min(1).max(255),
    /** The workflow's `workflow_dispatch` inputs. */
    inputs: z
      .record(z.string().min(1).max(100), z.union([z.string(), z.number(), z.boolean()]))
      .refine((i) => Object.keys(i).length <= 25, 'at most 25 inputs')
      .default({}),
  }),
  output: z.object({
    dispatched: z.literal(true),
    runId: z.number().int().optional(),
    url: z.string().optional(),
  }),
  idempotency: 'none',
  async call(input, { remote }) {
    const run = await remote.send(
      {
        method: 'POST',
        path: `${path(input)}/actions/workflows/${encodeURIComponent(String(input.workflow))}/dispatches`,
        body: { ref: input.ref, inputs: input.inputs, return_run_details: true },
      },
      dispatched,
    );
    return { dispatched: true as const, ...run };
  },
  preview: (input) => ({
    kind: 'document',
    title: `Run ${input.workflow} on ${input.owner}/${input.repo} at ${input.ref}`,
    body: Object.entries(input.inputs)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('\n'),
  }),
});
