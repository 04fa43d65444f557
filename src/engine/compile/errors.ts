/** A flow that validates but cannot be compiled; names the node and, where it helps, the field. */
export class CompileError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
    readonly field?: string,
  ) {
    super(`node "${nodeId}"${field ? ` (${field})` : ''}: ${message}`);
    this.name = 'CompileError';
  }
}
