import { z } from 'zod';
import type { Draft, DraftNode } from './draft.ts';
import { httpNode } from './http.ts';
import { agentModel, node, placeholderNode, type Origin } from './make.ts';
import { jsonataPath, type Reference } from './paths.ts';
import { at, list, text } from './sanitize.ts';
import { compare, untranslatedExpression, type Comparison, type Dialect } from './translate.ts';

const difyNode = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.string().max(100).optional(),
  parentId: z.string().max(200).optional(),
  position: z.looseObject({ x: z.number(), y: z.number() }).optional(),
  data: z.looseObject({
    type: z.string().max(100).default(''),
    title: z.string().max(500).optional(),
  }),
});
type DifyNode = z.infer<typeof difyNode>;

/** Dify's app DSL (YAML): `app` (name, mode) and `workflow.graph` with React Flow nodes and edges. */
export const difyFileSchema = z.looseObject({
  app: z
    .looseObject({
      name: z.string().max(500).default('Dify app'),
      description: z.string().max(10_000).default(''),
    })
    .optional(),
  workflow: z.looseObject({
    graph: z.looseObject({
      nodes: z.array(difyNode).max(2_000),
      edges: z
        .array(
          z.looseObject({
            source: z.string().max(200),
            target: z.string().max(200),
            sourceHandle: z.string().max(200).default('source'),
          }),
        )
        .max(5_000)
        .default([]),
    }),
  }),
});
type DifyFile = z.infer<typeof difyFileSchema>;

/** A Dify variable selector (`[nodeId, var, …]`) as a reference: `sys.*` and the Start node's are the run's input. */
function selectorRef(
  draft: Draft,
  starts: ReadonlySet<string>,
  selector: readonly unknown[],
): Reference | undefined {
  const [head, ...rest] = selector.map(String);
  if (head === undefined || rest.length === 0) return undefined;
  if (head === 'sys' || starts.has(head)) return { root: { kind: 'run' }, path: rest };
  const id = draft.idOf(head);
  return id ? { root: { kind: 'node', id }, path: rest } : undefined;
}

/** `{{#node.var#}}` references (Dify's prompts, answers and templates). */
const difyDialect = (draft: Draft, starts: ReadonlySet<string>): Dialect => ({
  name: 'Dify',
  segment: /\{\{#([^#{}]+)#\}\}/,
  resolve: (inner) => selectorRef(draft, starts, inner.trim().split('.')),
});

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  contains: 'contains',
  'not contains': 'notContains',
  'start with': 'startsWith',
  'end with': 'endsWith',
  is: 'eq',
  'is not': 'neq',
  '=': 'eq',
  '≠': 'neq',
  '>': 'gt',
  '<': 'lt',
  '≥': 'gte',
  '≤': 'lte',
  empty: 'empty',
  'not empty': 'notEmpty',
  null: 'notExists',
  'not null': 'exists',
};

type Ports = (handle: string) => string | undefined;
const single: Ports = () => 'out';

function build(
  draft: Draft,
  n: DifyNode,
  origin: Origin,
  dialect: Dialect,
  starts: ReadonlySet<string>,
): { node: DraftNode; ports: Ports } | undefined {
  const d = n.data;
  const ref = (selector: unknown) => {
    const r = Array.isArray(selector) ? selectorRef(draft, starts, selector) : undefined;
    return r ? jsonataPath(r) : undefined;
  };
  switch (d.type) {
    case 'start': {
      const inputs = list(d, 'variables')
        .slice(0, 50)
        .flatMap((v) => {
          const name = text(v, '', 'variable');
          return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)
            ? [
                {
                  name,
                  type: text(v, '', 'type') === 'number' ? 'number' : 'text',
                  required: at(v, 'required') !== false,
                  description: text(v, '', 'label').slice(0, 2_000),
                },
              ]
            : [];
        });
      const made = node(draft, origin, 'start', { inputs, triggers: [{ type: 'manual' }] });
      draft.record(
        origin.name,
        d.type,
        'mapped',
        made,
        inputs.length ? `asks for ${inputs.map((i) => i.name).join(', ')}` : undefined,
      );
      return { node: made, ports: single };
    }
    case 'llm':
    case 'parameter-extractor': {
      const messages = Array.isArray(at(d, 'prompt_template'))
        ? list(d, 'prompt_template')
        : [at(d, 'prompt_template')];
      const system = messages
        .filter((m) => text(m, '', 'role') === 'system')
        .map((m) => text(m, '', 'text'))
        .join('\n\n');
      const user =
        messages
          .filter((m) => text(m, 'user', 'role') !== 'system')
          .map((m) => text(m, '', 'text'))
          .join('\n\n') || text(d, '', 'instruction');
      const fields = list(d, 'parameters').flatMap((p) => {
        const name = text(p, '', 'name');
        return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)
          ? [
              {
                name,
                type: text(p, '', 'type') === 'number' ? 'number' : 'text',
                required: at(p, 'required') === true,
                description: text(p, '', 'description').slice(0, 2_000),
              },
            ]
          : [];
      });
      const made = node(draft, origin, 'agent', {
        ...(system
          ? { role: draft.template(draft.reserve(n.id, origin.name), 'role', system, dialect) }
          : {}),
        prompt: draft.template(
          draft.reserve(n.id, origin.name),
          'prompt',
          user || '{{#sys.query#}}',
          dialect,
        ),
        model: agentModel(
          text(d, '', 'model', 'name'),
          Number(at(d, 'model', 'completion_params', 'temperature')),
        ),
        ...(fields.length ? { output: fields } : {}),
      });
      draft.record(
        origin.name,
        d.type,
        'approximated',
        made,
        `model "${text(d, 'default', 'model', 'name')}" (${text(d, '?', 'model', 'provider')}) on the workspace's default provider; its answer is { text, confidence }`,
      );
      return { node: made, ports: single };
    }
    case 'if-else': {
      const cases = list(d, 'cases').length
        ? list(d, 'cases')
        : [
            {
              case_id: 'true',
              logical_operator: at(d, 'logical_operator'),
              conditions: at(d, 'conditions'),
            },
          ];
      const handles = new Map<string, string>();
      const branches = cases.slice(0, 19).map((c, i) => {
        const parts = list(c, 'conditions').map((cond) => {
          const op = COMPARISONS[text(cond, '', 'comparison_operator')];
          const left = ref(at(cond, 'variable_selector'));
          const value = text(cond, '', 'value');
          const right = /^-?\d+(\.\d+)?$/.test(value) ? value : JSON.stringify(value);
          return op && left ? compare(op, left, right) : undefined;
        });
        const port = `c${i + 1}`;
        handles.set(text(c, port, 'case_id'), port);
        const clear = parts.length > 0 && parts.every(Boolean);
        if (!clear)
          draft.noteExpression(
            draft.reserve(n.id, origin.name),
            `branches.${port}`,
            JSON.stringify(c).slice(0, 500),
          );
        const joiner = text(c, 'and', 'logical_operator') === 'or' ? ' or ' : ' and ';
        return {
          id: port,
          label: i === 0 ? 'If' : `Elif ${i}`,
          when: clear
            ? parts.map((p) => `(${p})`).join(joiner)
            : untranslatedExpression('Dify', JSON.stringify(c)),
        };
      });
      const made = node(draft, origin, 'condition', { branches });
      draft.record(
        origin.name,
        d.type,
        branches.every((b) => !b.when.startsWith('⚠')) ? 'mapped' : 'approximated',
        made,
      );
      return { node: made, ports: (h) => (h === 'false' ? 'else' : handles.get(h)) };
    }
    case 'http-request': {
      const id = draft.reserve(n.id, origin.name);
      const headers = text(d, '', 'headers')
        .split('\n')
        .flatMap((line) => {
          const at = line.indexOf(':');
          return at > 0
            ? [
                [
                  line.slice(0, at).trim(),
                  draft.template(
                    id,
                    `headers.${line.slice(0, at).trim()}`,
                    line.slice(at + 1).trim(),
                    dialect,
                  ),
                ] as const,
              ]
            : [];
        });
      const bodyData = at(d, 'body', 'data');
      const body =
        typeof bodyData === 'string'
          ? bodyData
          : list(d, 'body', 'data')
              .map((p) => text(p, '', 'value'))
              .join('');
      const auth = text(d, 'no-auth', 'authorization', 'type');
      const made = httpNode(draft, origin, {
        method: text(d, 'get', 'method'),
        url: draft.template(id, 'url', text(d, '', 'url'), dialect),
        headers,
        ...(body ? { body: draft.template(id, 'body', body, dialect) } : {}),
        ...(auth !== 'no-auth'
          ? { credential: { type: `Dify ${auth}`, name: `${origin.name} key` } }
          : {}),
      });
      return { node: made, ports: (h) => (h === 'fail-branch' ? 'error' : 'out') };
    }
    case 'code': {
      if (text(d, 'python3', 'code_language') !== 'javascript')
        return {
          node: placeholderNode(
            draft,
            origin,
            d,
            1,
            'Python code cannot run here (the Code node runs JavaScript)',
          ),
          ports: single,
        };
      const made = node(draft, origin, 'code', {
        source: `${text(d, '', 'code')}\nreturn main(input);`.slice(0, 100_000),
      });
      draft.record(
        origin.name,
        d.type,
        'approximated',
        made,
        `main() gets this node's input as its arguments (Dify passed ${
          list(d, 'variables')
            .map((v) => text(v, '?', 'variable'))
            .join(', ') || 'no variables'
        })`,
      );
      return { node: made, ports: single };
    }
    case 'template-transform': {
      const id = draft.reserve(n.id, origin.name);
      const names = new Map(
        list(d, 'variables').map((v) => [text(v, '', 'variable'), at(v, 'value_selector')]),
      );
      const jinja: Dialect = {
        name: 'Dify',
        segment: /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/,
        resolve: (inner) => {
          const [head = '', ...rest] = inner.split('.');
          const selector = names.get(head);
          const r = Array.isArray(selector) ? selectorRef(draft, starts, selector) : undefined;
          return r ? { root: r.root, path: [...r.path, ...rest] } : undefined;
        },
      };
      const made = node(draft, origin, 'transform', {
        language: 'liquid',
        template: draft.template(id, 'template', text(d, '', 'template'), jinja),
      });
      draft.record(
        origin.name,
        d.type,
        'approximated',
        made,
        'Jinja2 read as Liquid: variables are translated, filters and tags are kept as written',
      );
      return { node: made, ports: single };
    }
    case 'iteration':
    case 'loop': {
      const items = ref(at(d, 'iterator_selector'));
      const made = node(
        draft,
        origin,
        'loop',
        d.type === 'iteration'
          ? { mode: 'map', items: items ?? '$', maxIterations: 1_000 }
          : {
              mode: 'repeat',
              maxIterations: Math.min(1_000, Math.max(1, Number(at(d, 'loop_count')) || 10)),
            },
      );
      draft.record(
        origin.name,
        d.type,
        'approximated',
        made,
        d.type === 'iteration'
          ? 'goes through the list one item at a time'
          : 'repeats its body (its break conditions are not carried)',
      );
      return { node: made, ports: single };
    }
    case 'end': {
      const outputs = list(d, 'outputs').map(
        (o) =>
          `${JSON.stringify(text(o, 'value', 'variable'))}: ${ref(at(o, 'value_selector')) ?? 'null'}`,
      );
      const made = node(draft, origin, 'output', { value: `{ ${outputs.join(', ')} }` });
      draft.record(origin.name, d.type, 'mapped', made);
      return { node: made, ports: single };
    }
    case 'answer': {
      const made = node(draft, origin, 'output', {
        value: `{ "answer": ${draft.expression(draft.reserve(n.id, origin.name), 'value', text(d, '', 'answer'), dialect)} }`,
      });
      draft.record(origin.name, d.type, 'mapped', made, 'its answer becomes the run result');
      return { node: made, ports: single };
    }
    case 'variable-aggregator':
    case 'variable-assigner': {
      const picks = list(d, 'variables').flatMap((s) => ref(s) ?? []);
      const made = node(draft, origin, 'transform', {
        language: 'jsonata',
        expression: picks.length ? `[${picks.join(', ')}][0]` : '$',
      });
      draft.record(
        origin.name,
        d.type,
        'approximated',
        made,
        'hands on the first of its variables that has a value',
      );
      return { node: made, ports: single };
    }
    case 'iteration-start':
    case 'loop-start':
      return undefined;
    default:
      return {
        node: placeholderNode(draft, origin, d, 1),
        ports: (h) => (h === 'source' ? 'out' : undefined),
      };
  }
}

/** Converts a Dify workflow: its graph's nodes by `data.type`, edges by handle, iterations as loops. */
export function importDify(draft: Draft, file: DifyFile): { name: string; description: string } {
  const { nodes, edges } = file.workflow.graph;
  const starts = new Set(nodes.filter((n) => n.data.type === 'start').map((n) => n.id));
  const dialect = difyDialect(draft, starts);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const notes: string[] = [];
  for (const n of nodes)
    if (n.type !== 'custom-note' && !n.data.type.endsWith('-start'))
      draft.reserve(n.id, n.data.title ?? n.data.type);
  const built = new Map<string, { node: DraftNode; ports: Ports }>();
  for (const n of nodes) {
    const name = n.data.title ?? n.data.type;
    if (n.type === 'custom-note' || n.data.type === '') {
      notes.push(text(n.data, '', 'text'));
      draft.record(
        name,
        'note',
        'not-carried',
        undefined,
        'a note: its text is in the flow description',
      );
      continue;
    }
    const parent = n.parentId ? byId.get(n.parentId)?.position : undefined;
    const position = n.position
      ? { x: n.position.x + (parent?.x ?? 0), y: n.position.y + (parent?.y ?? 0) }
      : undefined;
    const made = build(
      draft,
      n,
      { key: n.id, name, type: n.data.type, ...(position ? { position } : {}) },
      dialect,
      starts,
    );
    if (made) built.set(n.id, made);
  }
  // Inside an iteration, its start node stands for the loop's body port; nodes with nowhere to go return to the loop.
  const entryOf = (id: string) => {
    const n = byId.get(id);
    return n?.data.type.endsWith('-start') && n.parentId ? n.parentId : undefined;
  };
  for (const e of edges) {
    const loop = entryOf(e.source);
    const source = built.get(loop ?? e.source);
    const target = built.get(e.target);
    const port = loop ? 'body' : source?.ports(e.sourceHandle);
    if (source && target && port) draft.connect(source.node.id, port, target.node.id);
  }
  for (const n of nodes) {
    const loop = n.parentId ? built.get(n.parentId) : undefined;
    const inner = built.get(n.id);
    if (loop && inner && !edges.some((e) => e.source === n.id))
      draft.connect(inner.node.id, 'out', loop.node.id, 'again');
  }
  return {
    name: file.app?.name ?? 'Dify app',
    description: [file.app?.description ?? '', ...notes]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 10_000),
  };
}
