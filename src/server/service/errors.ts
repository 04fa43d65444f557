import type { z } from 'zod';

type ServiceErrorCode =
  | 'invalid-request'
  | 'invalid-flow'
  | 'unauthorized'
  | 'not-found'
  | 'already-decided'
  | 'approval-closed'
  | 'not-started'
  | 'too-large'
  | 'idempotency-conflict';

const statusOf: Record<ServiceErrorCode, 400 | 401 | 404 | 409 | 413> = {
  'invalid-request': 400,
  'invalid-flow': 400,
  unauthorized: 401,
  'not-found': 404,
  'already-decided': 409,
  'approval-closed': 409,
  'not-started': 409,
  'too-large': 413,
  'idempotency-conflict': 409,
};

/**
 * What the sender does about each code, sent with it (`fix`), so a new refusal cannot ship
 * without one.
 */
const serviceErrorFixes: Record<ServiceErrorCode, string> = {
  'invalid-request': 'fix the field the error names and send the request again',
  'invalid-flow': 'fix what validation reports (its issues) in the flow, and deploy it again',
  unauthorized:
    'send the access token as "Authorization: Bearer aios_…"; a webhook signs its body with its secret',
  'not-found': 'check the id: GET /api/flows lists the deployed flows, GET /api/runs the runs',
  'already-decided': 'nothing to do: the first decision stands',
  'approval-closed': 'the run no longer waits for this decision: read the run to see where it is',
  'not-started': 'wait until a worker has started the run, then send it again',
  'too-large': 'send a smaller body',
  'idempotency-conflict':
    'a new request needs a new idempotency key; to read the first run, send its key with the first input',
};

/** What went wrong with a request, said to its sender: a code, a message, and the field. */
export class ServiceError extends Error {
  readonly status: 400 | 401 | 404 | 409 | 413;
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
    readonly issues?: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ServiceError';
    this.status = statusOf[code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        fix: serviceErrorFixes[this.code],
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

/** Parses untrusted input; the error names the first bad field (`body.flow.nodes.2.id`). */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = issues[0];
  throw new ServiceError(
    'invalid-request',
    first ? `${first.path}: ${first.message}` : `${where} is not valid`,
    first?.path ?? where,
    issues,
  );
}
