import type { z } from 'zod';

export type ServiceErrorCode =
  | 'invalid-request'
  | 'invalid-flow'
  | 'unauthorized'
  | 'not-found'
  | 'already-decided'
  | 'approval-closed'
  | 'not-started'
  | 'too-large';

const statusOf: Record<ServiceErrorCode, 400 | 401 | 404 | 409 | 413> = {
  'invalid-request': 400,
  'invalid-flow': 400,
  unauthorized: 401,
  'not-found': 404,
  'already-decided': 409,
  'approval-closed': 409,
  'not-started': 409,
  'too-large': 413,
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
