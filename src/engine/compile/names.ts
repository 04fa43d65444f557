/**
 * State ids of the compiled machine. Node ids cannot contain ":", so these never collide with
 * each other or with the run's own final states.
 */
export const stateId = {
  node: (id: string) => `node:${id}`,
  check: (id: string) => `node:${id}:check`,
  fork: (id: string) => `node:${id}:fork`,
  arrived: (fork: string, branch: string) => `node:${fork}:${branch}:arrived`,
  done: 'run:done',
  failed: 'run:failed',
} as const;

export const target = (id: string) => `#${id}`;
