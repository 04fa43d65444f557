/** An engine refusal a caller can act on; crosses worker boundaries as `{ code, message }`. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
