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

/**
 * The events the runtime sends when a node it ran finished: one type per node (node ids have no
 * dots), so a state finds its transition by an exact match however many nodes a fan-out runs.
 */
export const taskEvent = {
  done: (node: string) => `task.done.${node}`,
  failed: (node: string) => `task.failed.${node}`,
} as const;

/** Where a branch of a fan-out tracked in context stands: the key of `context.branches`. */
export const branchKey = (fork: string, branch: string) => `${fork}:${branch}`;
