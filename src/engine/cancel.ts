/**
 * A node attempt's cancellation. Making an `AbortSignal` costs several microseconds in Node, more
 * than a whole step of most nodes, so the controller is made only when someone asks for the signal
 * (an executor that calls out, a timeout, a retry's wait); aborting before that aborts it at once.
 */
export class Cancel {
  private controller: AbortController | undefined;
  private why: unknown;
  private done = false;

  get aborted(): boolean {
    return this.done;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.done) this.controller.abort(this.why);
    }
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.why = reason;
    this.controller?.abort(reason);
  }
}
