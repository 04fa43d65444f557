import { CompileError } from './errors.ts';
import { reachable, type FlowGraph } from './graph.ts';

/** A parallel node's layout: its join (if its branches meet again) and the nodes of each branch. */
export interface Fork {
  readonly join?: string;
  /** Branch port → first node of the branch (or the join itself for an empty branch). */
  readonly entries: ReadonlyMap<string, string>;
  readonly regions: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface Region {
  readonly fork: string;
  readonly branch: string;
}

/** How the graph nests: forks and their regions, the region owning each node, and loop bodies. */
export interface Structure {
  readonly forks: ReadonlyMap<string, Fork>;
  /** The innermost parallel region a node runs in; absent at top level. */
  readonly owner: ReadonlyMap<string, Region>;
  /** The innermost loop whose body a node is part of. */
  readonly loopOf: ReadonlyMap<string, string>;
}

export function analyze(graph: FlowGraph): Structure {
  const forks = new Map<string, Fork>();
  for (const node of graph.nodes.values())
    if (node.role === 'fork') forks.set(node.id, analyzeFork(graph, node.id));
  return { forks, owner: owners(forks), loopOf: loops(graph) };
}

function analyzeFork(graph: FlowGraph, forkId: string): Fork {
  const fork = graph.nodes.get(forkId)!;
  const entries = new Map<string, string>();
  for (const out of fork.outputs) {
    if (!out.link)
      throw new CompileError(forkId, `branch "${out.port}" is not connected`, `branches`);
    entries.set(out.port, out.link.node);
  }
  // The join is the one all branches reach that no other such join leads to.
  const joinsPerBranch = [...entries.values()].map(
    (entry) =>
      new Set([...reachable(graph, [entry])].filter((id) => graph.nodes.get(id)?.role === 'join')),
  );
  const common = [...(joinsPerBranch[0] ?? [])].filter((j) =>
    joinsPerBranch.every((set) => set.has(j)),
  );
  const join = common.find(
    (j) => !common.some((other) => other !== j && reachable(graph, [other]).has(j)),
  );
  const stop = new Set(join ? [join] : []);
  const regions = new Map<string, ReadonlySet<string>>();
  const seenIn = new Map<string, string>();
  for (const [branch, entry] of entries) {
    const region = reachable(graph, [entry], stop);
    for (const id of region) {
      const other = seenIn.get(id);
      if (other !== undefined) {
        throw new CompileError(
          id,
          `is reached from branches "${other}" and "${branch}" of parallel node "${forkId}" before they join; bring the branches together with a Join node first`,
        );
      }
      seenIn.set(id, branch);
    }
    regions.set(branch, region);
  }
  // No edge may enter a branch from outside it, except the fork's own.
  for (const node of graph.nodes.values()) {
    for (const out of node.outputs) {
      const target = out.link?.node;
      if (!target || node.id === forkId) continue;
      const branch = seenIn.get(target);
      if (branch !== undefined && !regions.get(branch)!.has(node.id) && !out.link.back) {
        throw new CompileError(
          target,
          `is inside branch "${branch}" of parallel node "${forkId}" but "${node.id}" also leads to it from outside`,
        );
      }
    }
  }
  return join ? { join, entries, regions } : { entries, regions };
}

function owners(forks: ReadonlyMap<string, Fork>): Map<string, Region> {
  const best = new Map<string, { region: Region; size: number }>();
  for (const [fork, f] of forks) {
    for (const [branch, members] of f.regions) {
      for (const id of members) {
        const current = best.get(id);
        if (!current || members.size < current.size)
          best.set(id, { region: { fork, branch }, size: members.size });
      }
    }
  }
  return new Map([...best].map(([id, { region }]) => [id, region]));
}

/** A loop's body: nodes on a path from its `body` port back to its `again` port. */
function loops(graph: FlowGraph): Map<string, string> {
  const incoming = new Map<string, string[]>();
  const backSources = new Map<string, string[]>();
  for (const node of graph.nodes.values()) {
    for (const out of node.outputs) {
      if (!out.link) continue;
      if (out.link.back)
        backSources.set(out.link.node, [...(backSources.get(out.link.node) ?? []), node.id]);
      else incoming.set(out.link.node, [...(incoming.get(out.link.node) ?? []), node.id]);
    }
  }
  const bodies: { loop: string; members: Set<string> }[] = [];
  for (const node of graph.nodes.values()) {
    if (node.role !== 'loop') continue;
    const bodyEntry = node.outputs.find((o) => o.port === 'body')?.link?.node;
    if (!bodyEntry) continue;
    const forward = reachable(graph, [bodyEntry], new Set([node.id]));
    const backward = new Set<string>();
    const queue = [...(backSources.get(node.id) ?? [])];
    for (const id of queue) backward.add(id);
    while (queue.length > 0) {
      for (const prev of incoming.get(queue.pop()!) ?? []) {
        if (!backward.has(prev) && prev !== node.id) {
          backward.add(prev);
          queue.push(prev);
        }
      }
    }
    bodies.push({ loop: node.id, members: new Set([...forward].filter((id) => backward.has(id))) });
  }
  const loopOf = new Map<string, string>();
  bodies.sort((a, b) => b.members.size - a.members.size);
  for (const { loop, members } of bodies) for (const id of members) loopOf.set(id, loop);
  return loopOf;
}
