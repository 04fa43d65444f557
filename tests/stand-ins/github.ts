import { bearer, Loopback, type Answer, type Received } from './loopback.ts';

const DOCS = 'https://docs.github.com/rest';

/**
 * GitHub's REST API, as documented: bearer token; issues (201), issue comments (201), workflow
 * dispatches (204, or 200 with the run when `return_run_details` is true; 422 without `ref`);
 * errors `{ message, documentation_url }`; rate limits as 403 or 429 with `retry-after` or
 * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds).
 */
export class GitHubStandIn extends Loopback {
  readonly token = 'github_pat_standin_0123456789';
  readonly repo = 'acme/shop';
  readonly workflows = new Set(['deploy.yml']);
  readonly issues: { number: number; title: string; body?: string; comments: string[] }[] = [
    { number: 1, title: 'Existing', comments: [] },
  ];
  readonly dispatches: { workflow: string; ref: string; inputs: unknown }[] = [];
  /** Off: answers every dispatch with 204, as GitHub did before `return_run_details`. */
  runDetails = true;

  constructor() {
    super((request) => this.route(request));
  }

  /** A secondary rate limit: 403 naming it, with `retry-after`. */
  secondaryLimit(seconds: number): Answer {
    return {
      status: 403,
      headers: { 'retry-after': String(seconds) },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`,
      },
    };
  }

  /** The primary limit spent: 429 with no requests left until `resetAt` (epoch seconds). */
  primaryLimit(resetAt: number): Answer {
    return {
      status: 429,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(resetAt),
      },
      body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS },
    };
  }

  private route(request: Received): Answer {
    if (bearer(request) !== this.token)
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' },
      };
    if (request.method === 'GET' && request.path === '/user')
      return { status: 200, body: { login: 'octo-standin', id: 1, type: 'User' } };
    const at = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(request.path);
    if (!at || `${at[1]}/${at[2]}` !== this.repo || request.method !== 'POST')
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
      };
    const rest = at[3] ?? '';
    const body = (request.json ?? {}) as Record<string, unknown>;
    if (rest === '/issues') {
      if (typeof body['title'] !== 'string')
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
            documentation_url: DOCS,
          },
        };
      const number = this.issues.length + 1;
      this.issues.push({
        number,
        title: body['title'],
        ...(typeof body['body'] === 'string' ? { body: body['body'] } : {}),
        comments: [],
      });
      return {
        status: 201,
        body: {
          id: 9000 + number,
          number,
          title: body['title'],
          state: 'open',
          html_url: `https://github.com/${this.repo}/issues/${number}`,
        },
      };
    }
    const comment = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (comment) {
      const issue = this.issues.find((i) => i.number === Number(comment[1]));
      if (!issue)
        return {
          status: 404,
          body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
        };
      issue.comments.push(String(body['body']));
      const id = 7000 + issue.comments.length;
      return {
        status: 201,
        body: {
          id,
          body: body['body'],
          html_url: `https://github.com/${this.repo}/issues/${issue.number}#issuecomment-${id}`,
        },
      };
    }
    const dispatch = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest);
    if (dispatch) {
      const workflow = decodeURIComponent(dispatch[1] ?? '');
      if (!this.workflows.has(workflow))
        return {
          status: 404,
          body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
        };
      if (typeof body['ref'] !== 'string')
        return {
          status: 422,
          body: {
            message: 'Invalid request.\n\n"ref" wasn\'t supplied.',
            documentation_url: DOCS,
            status: '422',
          },
        };
      this.dispatches.push({ workflow, ref: body['ref'], inputs: body['inputs'] });
      if (body['return_run_details'] !== true || !this.runDetails) return { status: 204 };
      const run = 42_000 + this.dispatches.length;
      return {
        status: 200,
        body: {
          workflow_run_id: run,
          run_url: `https://api.github.com/repos/${this.repo}/actions/runs/${run}`,
          html_url: `https://github.com/${this.repo}/actions/runs/${run}`,
        },
      };
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
  }
}
