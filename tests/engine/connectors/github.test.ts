import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubStandIn } from '../../stand-ins/github.ts';
import { crashScenario, runOnce, standardScenarios, type ConnectorSpec } from './harness.ts';

let github: GitHubStandIn;
beforeEach(async () => (github = await new GitHubStandIn().start()));
afterEach(() => github.stop());

const connect = (s: GitHubStandIn, token: string) => ({
  connections: { github: { baseUrl: s.url, secret: 'GITHUB_TOKEN' } },
  secrets: { GITHUB_TOKEN: token },
});

const issue: ConnectorSpec<GitHubStandIn> = {
  standIn: () => new GitHubStandIn(),
  setup: (s) => connect(s, s.token),
  badKey: (s) => connect(s, 'github_pat_revoked'),
  capability: 'github.createIssue',
  input: {
    owner: 'acme',
    repo: 'shop',
    title: 'Checkout fails on Safari',
    body: 'Seen by Pat.',
    labels: ['bug'],
  },
  path: /^\/repos\/acme\/shop\/issues$/,
  applied: (s) => s.issues.length - 1,
  rateLimited: (s) => ({ answer: s.secondaryLimit(60), waitMs: 60_000 }),
  serverError: { status: 502, body: { message: 'Server Error' } },
};

const comment: ConnectorSpec<GitHubStandIn> = {
  ...issue,
  capability: 'github.comment',
  input: { owner: 'acme', repo: 'shop', issueNumber: 1, body: 'Fixed in 1.4.2.' },
  path: /^\/repos\/acme\/shop\/issues\/1\/comments$/,
  applied: (s) => s.issues[0]?.comments.length ?? 0,
  rateLimited: (s) => ({
    answer: s.primaryLimit(Math.ceil(Date.now() / 1000) + 120),
    waitMs: 100_000,
  }),
};

const dispatch: ConnectorSpec<GitHubStandIn> = {
  ...issue,
  capability: 'github.dispatchWorkflow',
  input: {
    owner: 'acme',
    repo: 'shop',
    workflow: 'deploy.yml',
    ref: 'release/1.4',
    inputs: { environment: 'production' },
  },
  path: /^\/repos\/acme\/shop\/actions\/workflows\/deploy\.yml\/dispatches$/,
  applied: (s) => s.dispatches.length,
};

describe('GitHub issue against its stand-in', () => {
  standardScenarios(
    issue,
    () => github,
    (output, s) => {
      expect(output).toEqual({ number: 2, url: 'https://github.com/acme/shop/issues/2' });
      expect(s.issues[1]).toMatchObject({
        title: 'Checkout fails on Safari',
        body: 'Seen by Pat.',
      });
      const [request] = s.received;
      expect(request?.headers['accept']).toBe('application/vnd.github+json');
      expect(request?.headers['x-github-api-version']).toBe('2022-11-28');
    },
  );
  crashScenario(issue, () => github);

  it('does not retry a 403 that is a missing permission, not a rate limit', async () => {
    github.failNext(issue.path, {
      status: 403,
      body: {
        message: 'Resource not accessible by personal access token',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    const { record } = await runOnce(issue, github);
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /refused this call for the key's permissions \(403\): Resource not accessible/,
    );
    expect(github.to(issue.path)).toHaveLength(1);
  });
});

describe('GitHub comment against its stand-in', () => {
  standardScenarios(
    comment,
    () => github,
    (output, s) => {
      expect(output).toMatchObject({ commentId: 7001 });
      expect(s.issues[0]?.comments).toEqual(['Fixed in 1.4.2.']);
    },
  );
  crashScenario(comment, () => github);
});

describe('GitHub workflow dispatch against its stand-in', () => {
  standardScenarios(
    dispatch,
    () => github,
    (output, s) => {
      expect(output).toEqual({
        dispatched: true,
        runId: 42_001,
        url: 'https://github.com/acme/shop/actions/runs/42001',
      });
      expect(s.dispatches).toEqual([
        { workflow: 'deploy.yml', ref: 'release/1.4', inputs: { environment: 'production' } },
      ]);
    },
  );
  crashScenario(dispatch, () => github);

  it('takes a 204 with no body as dispatched, with no run to name', async () => {
    github.runDetails = false;
    const { record, effects } = await runOnce(dispatch, github);
    expect(record.status).toBe('succeeded');
    expect(effects[0]?.output).toEqual({ dispatched: true });
  });
});
