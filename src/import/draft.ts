import type { Dialect } from './translate.ts';
import { toJsonata, toLiquid } from './translate.ts';
import type {
  EntryOutcome,
  ImportFormat,
  ReportCredential,
  ReportEntry,
  ReportExpression,
} from './report.ts';

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface DraftNode {
  readonly id: string;
  type: string;
  data: Record<string, unknown>;
  position?: XY;
}

export interface DraftEdge {
  from: string;
  fromPort: string;
  to: string;
  toPort: string;
}

/**
 * What an importer builds before it becomes a flow document: nodes by our ids, edges between
 * them, and the report's raw material. Original ids and names are looked up through `idOf`, so
 * expressions can name other nodes before those are built.
 */
export class Draft {
  readonly nodes: DraftNode[] = [];
  readonly edges: DraftEdge[] = [];
  readonly entries: ReportEntry[] = [];
  readonly expressions: ReportExpression[] = [];
  readonly credentials: ReportCredential[] = [];
  readonly notes: string[] = [];
  readonly capabilities: Record<string, unknown>[] = [];
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(readonly format: ImportFormat) {}

  /** Gives the original node `key` an id of ours, readable and unique, made from its name. */
  reserve(key: string, name: string): string {
    const existing = this.ids.get(key);
    if (existing) return existing;
    const id = this.fresh(name || key);
    this.ids.set(key, id);
    return id;
  }

  /** A new unique id from `name` (for nodes the import adds). */
  fresh(name: string): string {
    const base =
      name
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 48) || 'node';
    let id = /^[a-z0-9]/.test(base) ? base : `n-${base}`;
    for (let n = 2; this.taken.has(id); n++) id = `${base.slice(0, 44)}-${n}`;
    this.taken.add(id);
    return id;
  }

  idOf(key: string): string | undefined {
    return this.ids.get(key);
  }

  add(node: DraftNode): DraftNode {
    this.nodes.push(node);
    return node;
  }

  record(
    original: string,
    originalType: string,
    outcome: EntryOutcome,
    node?: DraftNode,
    note?: string,
  ): void {
    this.entries.push({
      original,
      originalType,
      outcome,
      ...(node ? { nodeId: node.id, kind: node.type } : {}),
      ...(note ? { note } : {}),
    });
  }

  connect(from: string, fromPort: string, to: string, toPort = 'in'): void {
    if (
      !this.edges.some(
        (e) => e.from === from && e.fromPort === fromPort && e.to === to && e.toPort === toPort,
      )
    )
      this.edges.push({ from, fromPort, to, toPort });
  }

  /** A text field of node `nodeId` as a Liquid template, the translation noted in the report. */
  template(nodeId: string, field: string, source: string, dialect: Dialect): string {
    const t = toLiquid(source, dialect);
    if (t.dynamic) this.noteExpression(nodeId, field, source, t.clear ? t.text : undefined);
    return t.text;
  }

  /** A value of node `nodeId` as a JSONata expression, the translation noted in the report. */
  expression(
    nodeId: string,
    field: string,
    source: string,
    dialect: Dialect,
    literal?: (text: string) => string,
  ): string {
    const t = toJsonata(source, dialect, literal);
    if (t.dynamic) this.noteExpression(nodeId, field, source, t.clear ? t.text : undefined);
    return t.text;
  }

  /** Records an expression the importer rewrote itself (`translated`) or had to keep verbatim. */
  noteExpression(nodeId: string, field: string, original: string, translated?: string): void {
    this.expressions.push({
      nodeId,
      field,
      original: original.slice(0, 500),
      ...(translated !== undefined ? { translated } : {}),
    });
  }

  credential(original: string, type: string, name: string, secret?: string): void {
    this.credentials.push({ original, type, name, ...(secret ? { secret } : {}) });
  }
}

/**
 * A vault secret name for a credential (`My Stripe key` → `MY_STRIPE_KEY`); the secret itself is
 * never imported, only named, so the person adds it to the vault.
 */
export function secretNameFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[A-Z][A-Z0-9_]{1,}$/.test(base) ? base : `SECRET_${base || 'IMPORTED'}`.slice(0, 63);
}
