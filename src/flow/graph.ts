import type { Catalog, KindInfo } from './catalog.ts';
import { issue, type FlowIssue } from './issues.ts';
import { compatible, type PortSpec, type Ports } from './ports.ts';
import type { Flow } from './schema.ts';
import { didYouMean } from './suggest.ts';

/** A node whose kind is known and whose data parsed, with its handles resolved. */
export interface ResolvedNode {
  readonly index: number;
  readonly id: string;
  readonly info: KindInfo;
  readonly data: unknown;
  readonly ports: Ports;
}

interface ResolvedEdge {
  readonly index: number;
  readonly source: ResolvedNode;
  readonly target: ResolvedNode;
  readonly out: PortSpec;
  readonly in: PortSpec;
}

/**
 * The rules a flow must meet beyond its shape: ids, ports and their types, one start node,
 * reachability, and cycles only through a loop's back port.
 */
export function checkGraph(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  catalog: Catalog,
): FlowIssue[] {
  const found: FlowIssue[] = [];
  checkUniqueIds(flow, found);
  const edges = resolveEdges(flow, resolved, found);
  checkEntry(flow, resolved, found);
  checkFanOut(edges, found);
  checkCycles(flow, resolved, edges, found);
  // Reachability is only meaningful once every node resolved; otherwise it repeats earlier errors.
  if (resolved.size === flow.nodes.length) checkReachable(flow, resolved, edges, found);
  checkCapabilities(flow, resolved, catalog, found);
  return found;
}

function checkUniqueIds(flow: Flow, found: FlowIssue[]): void {
  const seen = new Map<string, number>();
  flow.nodes.forEach((node, i) => {
    const first = seen.get(node.id);
    if (first !== undefined) {
      found.push(
        issue(
          'duplicate-node-id',
          ['nodes', i, 'id'],
          `node id "${node.id}" is also used by nodes[${first}]`,
          { hint: 'give every node its own id', nodeId: node.id },
        ),
      );
    } else seen.set(node.id, i);
  });
  const seenEdges = new Map<string, number>();
  flow.edges.forEach((edge, i) => {
    const first = seenEdges.get(edge.id);
    if (first !== undefined) {
      found.push(
        issue(
          'duplicate-edge-id',
          ['edges', i, 'id'],
          `edge id "${edge.id}" is also used by edges[${first}]`,
          { hint: 'give every edge its own id', edgeId: edge.id },
        ),
      );
    } else seenEdges.set(edge.id, i);
  });
}

function pickPort(
  ports: readonly PortSpec[],
  handle: string | null | undefined,
): PortSpec | undefined {
  if (handle === null || handle === undefined) return ports.length === 1 ? ports[0] : undefined;
  return ports.find((p) => p.id === handle);
}

function resolveEdges(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  found: FlowIssue[],
): ResolvedEdge[] {
  const ids = flow.nodes.map((n) => n.id);
  const out: ResolvedEdge[] = [];
  flow.edges.forEach((edge, index) => {
    const at = (field: string) => ['edges', index, field];
    const source = resolved.get(edge.source);
    const target = resolved.get(edge.target);
    for (const [field, id, node] of [
      ['source', edge.source, source],
      ['target', edge.target, target],
    ] as const) {
      if (!node && !ids.includes(id)) {
        found.push(
          issue(
            'unknown-node',
            at(field),
            `edge "${edge.id}" refers to node "${id}", which does not exist`,
            { hint: didYouMean(id, ids, 'node id'), edgeId: edge.id },
          ),
        );
      }
    }
    if (!source || !target) return;
    const sourcePort = pickPort(source.ports.outputs, edge.sourceHandle);
    const targetPort = pickPort(target.ports.inputs, edge.targetHandle);
    const portHint = (ports: readonly PortSpec[]) =>
      ports.length === 0
        ? 'this node has no such ports'
        : `its ports: ${ports.map((p) => p.id).join(', ')}`;
    if (!sourcePort) {
      found.push(
        issue(
          'unknown-port',
          at('sourceHandle'),
          `node "${source.id}" (${source.info.kind}) has no output "${edge.sourceHandle ?? ''}"`,
          { hint: portHint(source.ports.outputs), edgeId: edge.id, nodeId: source.id },
        ),
      );
    }
    if (!targetPort) {
      found.push(
        issue(
          'unknown-port',
          at('targetHandle'),
          `node "${target.id}" (${target.info.kind}) has no input "${edge.targetHandle ?? ''}"`,
          { hint: portHint(target.ports.inputs), edgeId: edge.id, nodeId: target.id },
        ),
      );
    }
    if (!sourcePort || !targetPort) return;
    if (!compatible(sourcePort.type, targetPort.type)) {
      found.push(
        issue(
          'port-type',
          ['edges', index],
          `"${source.id}.${sourcePort.id}" gives ${sourcePort.type} but "${target.id}.${targetPort.id}" takes ${targetPort.type}`,
          { hint: 'put a Transform node in between to reshape the value', edgeId: edge.id },
        ),
      );
      return;
    }
    out.push({ index, source, target, out: sourcePort, in: targetPort });
  });
  return out;
}

function checkEntry(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  found: FlowIssue[],
): void {
  const entries = [...resolved.values()].filter((n) => n.info.entry);
  if (entries.length === 0 && flow.nodes.length > 0) {
    found.push(
      issue('no-start', ['nodes'], 'the flow has no start node', {
        hint: 'add a Start node: it is where a run begins and what its input looks like',
      }),
    );
  }
  for (const extra of entries.slice(1)) {
    found.push(
      issue(
        'many-starts',
        ['nodes', extra.index],
        `"${extra.id}" is a second start node (the first is "${entries[0]!.id}")`,
        {
          hint: 'a flow has exactly one start node; remove one or use a Subflow',
          nodeId: extra.id,
        },
      ),
    );
  }
}

function checkFanOut(edges: readonly ResolvedEdge[], found: FlowIssue[]): void {
  const used = new Map<string, ResolvedEdge>();
  for (const edge of edges) {
    const key = `${edge.source.id}\u0000${edge.out.id}`;
    const first = used.get(key);
    if (first) {
      found.push(
        issue(
          'port-fan-out',
          ['edges', edge.index],
          `output "${edge.out.id}" of "${edge.source.id}" already leads to "${first.target.id}"`,
          {
            hint: 'an output leads to one node; to run branches side by side use a Parallel node',
            nodeId: edge.source.id,
          },
        ),
      );
    } else used.set(key, edge);
  }
}

/** Every cycle must pass through a back port (a loop's `again`), which bounds it. */
function checkCycles(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  edges: readonly ResolvedEdge[],
  found: FlowIssue[],
): void {
  const next = new Map<string, ResolvedEdge[]>();
  for (const e of edges)
    if (!e.in.back) next.set(e.source.id, [...(next.get(e.source.id) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    trail.push(id);
    for (const e of next.get(id) ?? []) {
      const s = state.get(e.target.id);
      if (s === 'open') return [...trail.slice(trail.indexOf(e.target.id)), e.target.id];
      if (s === undefined) {
        const cycle = visit(e.target.id);
        if (cycle) return cycle;
      }
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const node of flow.nodes) {
    if (state.has(node.id) || !resolved.has(node.id)) continue;
    const cycle = visit(node.id);
    if (cycle) {
      const first = resolved.get(cycle[0]!)!;
      found.push(
        issue(
          'unbounded-cycle',
          ['nodes', first.index],
          `these nodes form a cycle with no bound: ${cycle.join(' → ')}`,
          {
            hint: 'route the repeat through a Loop node\'s "again" input, which caps the number of rounds',
            nodeId: first.id,
          },
        ),
      );
      return;
    }
  }
  // A back edge must come from inside the loop it returns to, i.e. from a node reachable from it;
  // like reachability, only meaningful once every node resolved (an unresolved node drops edges).
  if (resolved.size < flow.nodes.length) return;
  for (const e of edges) {
    if (!e.in.back) continue;
    if (!reach([e.target.id], edges, true).has(e.source.id)) {
      found.push(
        issue(
          'stray-back-edge',
          ['edges', e.index],
          `"${e.source.id}" returns to "${e.target.id}.${e.in.id}" but is not inside that loop`,
          {
            hint: 'connect "again" only from nodes that the loop\'s body leads to',
            edgeId: undefined,
            nodeId: e.target.id,
          },
        ),
      );
    }
  }
}

function reach(
  from: readonly string[],
  edges: readonly ResolvedEdge[],
  skipBack: boolean,
): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges)
    if (!(skipBack && e.in.back))
      next.set(e.source.id, [...(next.get(e.source.id) ?? []), e.target.id]);
  const seen = new Set<string>(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const t of next.get(queue.pop()!) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return seen;
}

function checkReachable(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  edges: readonly ResolvedEdge[],
  found: FlowIssue[],
): void {
  const entry = [...resolved.values()].find((n) => n.info.entry);
  if (!entry) return;
  const seen = reach([entry.id], edges, false);
  const leaving = new Set(edges.map((e) => e.source.id));
  for (const node of resolved.values()) {
    if (!seen.has(node.id)) {
      found.push(
        issue(
          'unreachable',
          ['nodes', node.index],
          `"${node.id}" cannot be reached from the start node "${entry.id}"`,
          { hint: 'connect it, or delete it', nodeId: node.id },
        ),
      );
    } else if (!node.info.terminal && node.ports.outputs.length > 0 && !leaving.has(node.id)) {
      found.push(
        issue(
          'dead-end',
          ['nodes', node.index],
          `"${node.id}" leads nowhere, so a run that gets there ends without an output`,
          {
            hint: 'connect one of its outputs, e.g. to an Output node',
            nodeId: node.id,
            severity: 'warning',
          },
        ),
      );
    }
  }
}

function checkCapabilities(
  flow: Flow,
  resolved: ReadonlyMap<string, ResolvedNode>,
  catalog: Catalog,
  found: FlowIssue[],
): void {
  const external: NonNullable<Catalog['externalCapabilities']> =
    catalog.externalCapabilities ?? new Map();
  const builtins = new Set([...catalog.builtinCapabilities, ...external.keys()]);
  const own = new Map<string, number>();
  flow.capabilities.forEach((cap, i) => {
    if (builtins.has(cap.id)) {
      found.push(
        issue(
          'capability-clash',
          ['capabilities', i, 'id'],
          `"${cap.id}" is the id of a built-in capability`,
          { hint: 'give your capability its own id, e.g. prefixed with your company name' },
        ),
      );
    } else if (own.has(cap.id)) {
      found.push(
        issue(
          'duplicate-capability',
          ['capabilities', i, 'id'],
          `capability "${cap.id}" is defined twice`,
          { hint: 'give every capability its own id' },
        ),
      );
    }
    own.set(cap.id, i);
  });
  const known = [...builtins, ...own.keys()];
  const check = (id: string, path: readonly (string | number)[], nodeId?: string) => {
    // Without a list of MCP tools (a stored flow read back, `aios validate`), an MCP tool's id
    // cannot be checked here; the host that runs it checks it against its servers' tools.
    if (id.startsWith('mcp.') && catalog.externalCapabilities === undefined) return;
    if (!builtins.has(id) && !own.has(id)) {
      found.push(
        issue('unknown-capability', path, `unknown capability "${id}"`, {
          hint: id.startsWith('mcp.')
            ? `is the MCP server "${id.split('.')[1] ?? ''}" in the settings and reachable, and does it still offer this tool?`
            : didYouMean(id, known, 'capability'),
          ...(nodeId ? { nodeId } : {}),
        }),
      );
      return;
    }
    const tool = external.get(id);
    if (tool?.changed === true && !own.has(id))
      found.push(
        issue(
          'tool-schema-changed',
          path,
          `the MCP tool "${id}" has changed its schemas or annotations since it was approved, so it is refused`,
          {
            hint: 'review the tool in Connections → MCP and approve it again, then check the inputs this node maps',
            ...(nodeId ? { nodeId } : {}),
          },
        ),
      );
  };
  flow.capabilities.forEach(
    (cap, i) => cap.compensate && check(cap.compensate, ['capabilities', i, 'compensate']),
  );
  flow.policies.rules.forEach(
    (rule, i) => rule.capability && check(rule.capability, ['policies', 'rules', i, 'capability']),
  );
  for (const node of resolved.values()) {
    for (const ref of node.info.capabilityRefs(node.data)) {
      const path = ['nodes', node.index, 'data', ...ref.path];
      check(ref.id, path, node.id);
      if (
        catalog.place === 'browser' &&
        !own.has(ref.id) &&
        catalog.capabilityRunsOn?.(ref.id) === 'server'
      )
        found.push(
          issue(
            'needs-server',
            path,
            `"${ref.id}" runs on the workspace server, not in the browser`,
            {
              severity: 'warning',
              hint: 'its service refuses calls from a web page and its key must not be in one; run this flow on a workspace server (npx aios serve)',
              nodeId: node.id,
            },
          ),
        );
    }
  }
}
