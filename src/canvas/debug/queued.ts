/** How a workspace server's queued run was asked for, as a phrase ("queued through the API"). */
const how: Record<string, string> = {
  api: 'through the API',
  webhook: 'by a webhook',
  schedule: 'by its schedule',
  fork: 'as a fork',
};

/** "queued through the API": what a queued run's `reason` means to a person. */
export const queuedHow = (reason: string | undefined): string =>
  `queued ${reason === undefined ? 'on the server' : (how[reason] ?? `by ${reason}`)}`;
