import { validateFlow } from '../flow/index.ts';
import { catalog } from '../nodes/index.ts';
import type { Draft, DraftEdge, DraftNode, XY } from './draft.ts';
import { layOut } from './layout.ts';
import type { ImportReport } from './report.ts';

interface Assembled {
  /** The flow document: validated (defaults filled in) when it validates, else as built. */
  readonly flow: Record<string, unknown>;
  readonly valid: boolean;
  readonly report: ImportReport;
}

const outgoing = (draft: Draft, id: string) => draft.edges.filter((e) => e.from === id);

/**
 * One Start node: the first trigger stays, the others' edges leave from it and their triggers
 * join its list; with no trigger at all, a Start is added before every node nothing leads to.
 */
function oneStart(draft: Draft): void {
  const starts = draft.nodes.filter((n) => n.type === 'start');
  const [first, ...others] = starts;
  if (!first) {
    const start = draft.add({
      id: draft.fresh('start'),
      type: 'start',
      data: { version: 1, label: 'Start' },
    });
    const targets = new Set(draft.edges.map((e) => e.to));
    const roots = draft.nodes.filter((n) => n !== start && !targets.has(n.id));
    for (const root of roots.length > 0
      ? roots
      : draft.nodes.filter((n) => n !== start).slice(0, 1))
      draft.connect(start.id, 'out', root.id);
    draft.notes.push('The original had no trigger: a Start node was added before the first steps.');
    return;
  }
  if (others.length === 0) return;
  const triggers = [first, ...others].flatMap((n) => {
    const list: unknown = n.data['triggers'];
    return Array.isArray(list) ? list.map((t): unknown => t) : [];
  });
  if (triggers.length > 0) first.data['triggers'] = triggers.slice(0, 20);
  for (const other of others) {
    for (const e of outgoing(draft, other.id)) e.from = first.id;
    draft.nodes.splice(draft.nodes.indexOf(other), 1);
    const seen = new Set<string>();
    for (let i = draft.edges.length - 1; i >= 0; i--) {
      const e = draft.edges[i];
      const key = e ? JSON.stringify([e.from, e.fromPort, e.to, e.toPort]) : '';
      if (seen.has(key)) draft.edges.splice(i, 1);
      else seen.add(key);
    }
    for (const [i, entry] of draft.entries.entries())
      if (entry.nodeId === other.id) draft.entries[i] = { ...entry, nodeId: first.id };
  }
  draft.notes.push(
    `${starts.length} triggers became one Start node with all their triggers; every run starts all the steps they led to.`,
  );
}

/**
 * Edges that return into a Loop from its own body go to its `again` port: the originals draw a
 * loop as a plain cycle, ours bounds it through that back port.
 */
function backEdges(draft: Draft): void {
  for (const loop of draft.nodes.filter((n) => n.type === 'loop')) {
    const inside = new Set<string>();
    const queue = draft.edges
      .filter((e) => e.from === loop.id && e.fromPort === 'body')
      .map((e) => e.to);
    while (queue.length > 0) {
      const id = queue.pop() ?? '';
      if (id === loop.id || inside.has(id)) continue;
      inside.add(id);
      queue.push(...outgoing(draft, id).map((e) => e.to));
    }
    for (const e of draft.edges) if (e.to === loop.id && inside.has(e.from)) e.toPort = 'again';
  }
}

/** An output that led to several nodes leads to a Parallel node with one branch per target. */
function fanOut(draft: Draft): void {
  const groups = new Map<string, DraftEdge[]>();
  for (const e of draft.edges) {
    const key = JSON.stringify([e.from, e.fromPort]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const edges of groups.values()) {
    const [first] = edges;
    if (!first || edges.length < 2) continue;
    const { from, fromPort } = first;
    const source = draft.nodes.find((n) => n.id === from);
    const fork = draft.add({
      id: draft.fresh(`${from}-fan`),
      type: 'parallel',
      data: {
        version: 1,
        label: 'Side by side',
        branches: edges.map((_, i) => ({ id: `b${i + 1}`, label: `Branch ${i + 1}` })),
      },
      ...(source?.position
        ? { position: { x: source.position.x + 260, y: source.position.y } }
        : {}),
    });
    edges.forEach((e, i) => {
      e.from = fork.id;
      e.fromPort = `b${i + 1}`;
    });
    draft.edges.push({ from, fromPort, to: fork.id, toPort: 'in' });
    draft.notes.push(
      `"${from}" led to ${edges.length} nodes at once: a Parallel node ("${fork.id}") now runs them side by side.`,
    );
  }
}

/** Nodes the import added get a place next to the node they follow (or precede). */
function placeAdded(draft: Draft): void {
  for (const node of draft.nodes) {
    if (node.position) continue;
    const next = draft.edges.find((e) => e.from === node.id);
    const target = draft.nodes.find((n) => n.id === next?.to)?.position;
    if (target) node.position = { x: target.x - 300, y: target.y };
  }
}

/** Positions in the original's units, stretched to our cards (about 220 × 110). */
function scale(nodes: readonly DraftNode[], factor: XY): void {
  for (const n of nodes)
    if (n.position)
      n.position = {
        x: Math.round(n.position.x * factor.x),
        y: Math.round(n.position.y * factor.y),
      };
}

/**
 * Turns a draft into a flow document and its report: one Start, fan-outs through Parallel nodes,
 * positions kept (scaled) or laid out with ELK, then validated like any import.
 */
export async function assemble(
  draft: Draft,
  meta: { name: string; description?: string; scale: XY },
): Promise<Assembled> {
  scale(draft.nodes, meta.scale);
  oneStart(draft);
  backEdges(draft);
  fanOut(draft);
  placeAdded(draft);
  if (draft.nodes.some((n) => !n.position)) {
    const placed = await layOut(draft.nodes, draft.edges);
    for (const n of draft.nodes) n.position = placed.get(n.id) ?? { x: 0, y: 0 };
    draft.notes.push('The original had no positions for some nodes: the flow was laid out anew.');
  }
  const name = meta.name.trim().slice(0, 200) || `Imported from ${draft.format}`;
  const doc = {
    schemaVersion: 1,
    id: `${draft.fresh(name)}-${draft.format}`.slice(0, 128),
    name,
    description: (meta.description ?? '').slice(0, 10_000),
    nodes: draft.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      position: n.position ?? { x: 0, y: 0 },
      data: n.data,
    })),
    edges: draft.edges.map((e) => ({
      id: `${e.from}.${e.fromPort}-${e.to}.${e.toPort}`,
      source: e.from,
      sourceHandle: e.fromPort,
      target: e.to,
      targetHandle: e.toPort,
    })),
    capabilities: draft.capabilities,
    metadata: { tags: ['imported', draft.format] },
  };
  const result = validateFlow(doc, catalog);
  return {
    flow: result.ok ? { ...result.flow } : doc,
    valid: result.ok,
    report: {
      format: draft.format,
      name,
      entries: draft.entries,
      expressions: draft.expressions,
      credentials: draft.credentials,
      notes: draft.notes,
      issues: result.issues.filter((i) => i.severity === 'error' || !result.ok),
    },
  };
}
