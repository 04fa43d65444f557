import { z } from 'zod';
import type { Draft, DraftNode } from './draft.ts';
import { httpNode } from './http.ts';
import { agentModel, node, placeholderNode, type Origin } from './make.ts';
import { dottedPath, type Reference } from './paths.ts';
import { at, list, record, text } from './sanitize.ts';
import { compare, untranslatedExpression, type Comparison, type Dialect } from './translate.ts';

const flowiseNode = z.looseObject({
  id: z.string().min(1).max(200),
  parentNode: z.string().max(200).optional(),
  position: z.looseObject({ x: z.number(), y: z.number() }).optional(),
  data: z.looseObject({
    name: z.string().min(1).max(200),
    label: z.string().max(500).optional(),
    inputs: z.record(z.string(), z.unknown()).default({}),
  }),
});
type FlowiseNode = z.infer<typeof flowiseNode>;

/** Flowise's agentflow (v2) export: React Flow nodes whose `data.name` is the node type, and edges. */
export const flowiseFileSchema = z.looseObject({
  nodes: z.array(flowiseNode).max(2_000),
  edges: z
    .array(
      z.looseObject({
        source: z.string().max(200),
        target: z.string().max(200),
        sourceHandle: z.string().max(300).default(''),
      }),
    )
    .max(5_000)
    .default([]),
});
type FlowiseFile = z.infer<typeof flowiseFileSchema>;

/** Flowise keeps prompts as rich text (HTML); the words are what counts. */
function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .trim();
}

/** `{{ question }}` is the run's input; `{{ llmAgentflow_0 }}` another node's answer; `$flow.*` is not carried. */
const flowiseDialect = (draft: Draft, agents: ReadonlySet<string>): Dialect => ({
  name: 'Flowise',
  segment: /\{\{\s*([^{}]*?)\s*\}\}/,
  resolve: (inner): Reference | undefined => {
    if (inner === 'question' || inner === 'input')
      return { root: { kind: 'run' }, path: ['question'] };
    const [head = '', ...rest] = inner.split('.');
    const id = draft.idOf(head);
    const path = dottedPath(rest.join('.'));
    if (!id || !path) return undefined;
    return {
      root: { kind: 'node', id },
      path: agents.has(head) && path.length === 0 ? ['text'] : path,
    };
  },
});

const OPERATIONS: Readonly<Record<string, Comparison>> = {
  equal: 'eq',
  notEqual: 'neq',
  contains: 'contains',
  notContains: 'notContains',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  larger: 'gt',
  largerEqual: 'gte',
  smaller: 'lt',
  smallerEqual: 'lte',
  isEmpty: 'empty',
  notEmpty: 'notEmpty',
};

type Ports = (index: number) => string | undefined;
const single: Ports = (i) => (i === 0 ? 'out' : undefined);

function messagesOf(inputs: Record<string, unknown>, key: string) {
  const messages = list(inputs, key);
  const of = (role: (r: string) => boolean) =>
    messages
      .filter((m) => role(text(m, 'user', 'role')))
      .map((m) => plainText(text(m, '', 'content')))
      .join('\n\n');
  return { system: of((r) => r === 'system'), user: of((r) => r !== 'system') };
}

function build(
  draft: Draft,
  n: FlowiseNode,
  origin: Origin,
  dialect: Dialect,
): { node: DraftNode; ports: Ports } {
  const inputs = n.data.inputs;
  const id = draft.reserve(n.id, origin.name);
  const tpl = (field: string, value: string) => draft.template(id, field, value, dialect);
  switch (n.data.name) {
    case 'startAgentflow': {
      const form = text(inputs, 'chatInput', 'startInputType') === 'formInput';
      const fields = form
        ? list(inputs, 'formInputTypes').flatMap((f) => {
            const name = text(f, '', 'name');
            return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)
              ? [
                  {
                    name,
                    type: text(f, '', 'type') === 'number' ? 'number' : 'text',
                    required: true,
                    description: text(f, '', 'label'),
                  },
                ]
              : [];
          })
        : [{ name: 'question', type: 'text', required: true, description: 'The chat message' }];
      const made = node(draft, origin, 'start', {
        inputs: fields.slice(0, 50),
        triggers: [{ type: 'manual' }],
      });
      draft.record(
        origin.name,
        n.data.name,
        'mapped',
        made,
        `asks for ${fields.map((f) => f.name).join(', ') || 'nothing'}`,
      );
      return { node: made, ports: single };
    }
    case 'llmAgentflow':
    case 'agentAgentflow': {
      const llm = n.data.name === 'llmAgentflow';
      const { system, user } = messagesOf(inputs, llm ? 'llmMessages' : 'agentMessages');
      const config = record(inputs, llm ? 'llmModelConfig' : 'agentModelConfig');
      const made = node(draft, origin, 'agent', {
        ...(system ? { role: tpl('role', system) } : {}),
        prompt: tpl(
          'prompt',
          user ||
            plainText(text(inputs, '', llm ? 'llmUserMessage' : 'agentUserMessage')) ||
            '{{ question }}',
        ),
        model: agentModel(text(config, '', 'modelName'), Number(at(config, 'temperature'))),
      });
      const tools = list(inputs, 'agentTools').length;
      draft.record(
        origin.name,
        n.data.name,
        'approximated',
        made,
        `model "${text(config, 'default', 'modelName')}" (${text(inputs, '?', llm ? 'llmModel' : 'agentModel')}) on the workspace's default provider${tools ? `; its ${tools} tools are not carried` : ''}`,
      );
      return { node: made, ports: single };
    }
    case 'conditionAgentflow': {
      const conditions = list(inputs, 'conditions').slice(0, 19);
      const branches = conditions.map((c, i) => {
        const op = OPERATIONS[text(c, '', 'operation')];
        const number = text(c, 'string', 'type') === 'number';
        const operand = (field: string) =>
          draft.expression(
            id,
            `branches.c${i + 1}.${field}`,
            plainText(text(c, '', field)),
            dialect,
            (t) =>
              number && Number.isFinite(Number(t)) && t.trim() !== ''
                ? String(Number(t))
                : JSON.stringify(t),
          );
        const left = operand('value1');
        const right = operand('value2');
        const clear = op !== undefined && !left.startsWith('⚠') && !right.startsWith('⚠');
        return {
          id: `c${i + 1}`,
          label: `Condition ${i + 1}`,
          when: clear
            ? compare(op, left, right)
            : untranslatedExpression('Flowise', JSON.stringify(c)),
        };
      });
      const made = node(draft, origin, 'condition', {
        branches: branches.length ? branches : [{ id: 'c1', label: 'Condition 1', when: 'false' }],
      });
      draft.record(
        origin.name,
        n.data.name,
        branches.every((b) => !b.when.startsWith('⚠')) ? 'mapped' : 'approximated',
        made,
      );
      return {
        node: made,
        ports: (i) =>
          i < branches.length ? `c${i + 1}` : i === branches.length ? 'else' : undefined,
      };
    }
    case 'httpAgentflow': {
      const headers = list(inputs, 'headers').map(
        (h) =>
          [text(h, '', 'key'), tpl(`headers.${text(h, '', 'key')}`, text(h, '', 'value'))] as const,
      );
      const body = text(inputs, '', 'body');
      const made = httpNode(draft, origin, {
        method: text(inputs, 'GET', 'method'),
        url: tpl('url', text(inputs, '', 'url')),
        headers,
        ...(body ? { body: tpl('body', body) } : {}),
        ...(text(inputs, '', 'httpCredential')
          ? { credential: { type: 'Flowise HTTP credential', name: `${origin.name} credential` } }
          : {}),
      });
      return { node: made, ports: single };
    }
    case 'customFunctionAgentflow': {
      const vars = list(inputs, 'customFunctionInputVariables').flatMap((v) => {
        const name = text(v, '', 'variableName');
        return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
          ? [`const $${name} = input[${JSON.stringify(name)}];`]
          : [];
      });
      const prelude = `const $flow = { state: {}, input: input }; const $vars = {}; ${vars.join(' ')} const __out = (() => { `;
      const made = node(draft, origin, 'code', {
        source:
          `${prelude}${text(inputs, 'return input;', 'customFunctionJavascriptFunction')}\n})(); return __out;`.slice(
            0,
            100_000,
          ),
      });
      draft.record(
        origin.name,
        n.data.name,
        'approximated',
        made,
        "its input variables are read from this node's input; $flow state and $vars are empty here",
      );
      return { node: made, ports: single };
    }
    case 'humanInputAgentflow': {
      const made = node(draft, origin, 'approval', {
        title: `Review: ${origin.name}`.slice(0, 200),
        preview: tpl(
          'preview',
          plainText(text(inputs, '{{ subject | json }}', 'humanInputDescription')),
        ),
      });
      draft.record(
        origin.name,
        n.data.name,
        'mapped',
        made,
        'proceed and reject become approved and rejected',
      );
      return {
        node: made,
        ports: (i) => (i === 0 ? 'approved' : i === 1 ? 'rejected' : undefined),
      };
    }
    case 'iterationAgentflow': {
      const made = node(draft, origin, 'loop', {
        mode: 'map',
        items: draft.expression(
          id,
          'items',
          plainText(text(inputs, '', 'iterationInput')),
          dialect,
          () => '$',
        ),
        maxIterations: 1_000,
      });
      draft.record(
        origin.name,
        n.data.name,
        'approximated',
        made,
        'goes through its list one item at a time',
      );
      return { node: made, ports: (i) => (i === 0 ? 'done' : undefined) };
    }
    case 'directReplyAgentflow': {
      const made = node(draft, origin, 'output', {
        value: `{ "answer": ${draft.expression(id, 'value', plainText(text(inputs, '', 'directReplyMessage')), dialect)} }`,
      });
      draft.record(origin.name, n.data.name, 'mapped', made, 'its reply becomes the run result');
      return { node: made, ports: single };
    }
    case 'executeFlowAgentflow': {
      const made = node(draft, origin, 'subflow', { flow: 'choose-a-flow' });
      draft.record(
        origin.name,
        n.data.name,
        'approximated',
        made,
        'ran another Flowise flow: import it too, then choose it on this node',
      );
      return { node: made, ports: single };
    }
    default: {
      const made = placeholderNode(
        draft,
        origin,
        inputs,
        4,
        n.data.name === 'loopAgentflow'
          ? `jumps back to "${text(inputs, '?', 'loopBackToNode')}": rebuild it with a Loop node`
          : undefined,
      );
      return { node: made, ports: (i) => (i === 0 ? 'out' : `out${i + 1}`) };
    }
  }
}

/** The output index a Flowise handle names (`conditionAgentflow_0-output-1` → 1; a named output → 0). */
const outputIndex = (handle: string) => {
  const m = /-output-(\d+)$/.exec(handle);
  return m ? Number(m[1]) : 0;
};

/** Converts a Flowise agentflow: nodes by `data.name`, edges by their output handles. */
export function importFlowise(
  draft: Draft,
  file: FlowiseFile,
): { name: string; description: string } {
  const agents = new Set(
    file.nodes.filter((n) => /^(llm|agent)Agentflow$/.test(n.data.name)).map((n) => n.id),
  );
  const dialect = flowiseDialect(draft, agents);
  const notes: string[] = [];
  const byId = new Map(file.nodes.map((n) => [n.id, n]));
  for (const n of file.nodes)
    if (n.data.name !== 'stickyNoteAgentflow') draft.reserve(n.id, n.data.label ?? n.data.name);
  const built = new Map<string, { node: DraftNode; ports: Ports }>();
  for (const n of file.nodes) {
    const name = n.data.label ?? n.data.name;
    if (n.data.name === 'stickyNoteAgentflow') {
      notes.push(text(n.data.inputs, '', 'note'));
      draft.record(
        name,
        n.data.name,
        'not-carried',
        undefined,
        'a sticky note: its text is in the flow description',
      );
      continue;
    }
    const parent = n.parentNode ? byId.get(n.parentNode)?.position : undefined;
    const position = n.position
      ? { x: n.position.x + (parent?.x ?? 0), y: n.position.y + (parent?.y ?? 0) }
      : undefined;
    built.set(
      n.id,
      build(
        draft,
        n,
        { key: n.id, name, type: n.data.name, ...(position ? { position } : {}) },
        dialect,
      ),
    );
  }
  for (const e of file.edges) {
    const source = built.get(e.source);
    const target = built.get(e.target);
    const port = source?.ports(outputIndex(e.sourceHandle));
    if (source && target && port) draft.connect(source.node.id, port, target.node.id);
  }
  // Nodes inside an iteration: the first ones start its body, the last ones return to it.
  for (const n of file.nodes) {
    const loop = n.parentNode ? built.get(n.parentNode) : undefined;
    const inner = built.get(n.id);
    if (!loop || !inner) continue;
    if (!file.edges.some((e) => e.target === n.id))
      draft.connect(loop.node.id, 'body', inner.node.id);
    if (!file.edges.some((e) => e.source === n.id))
      draft.connect(inner.node.id, 'out', loop.node.id, 'again');
  }
  return {
    name: 'Flowise agentflow',
    description: notes.filter(Boolean).join('\n\n').slice(0, 10_000),
  };
}
