import { z } from 'zod';
import type { Draft, DraftNode } from './draft.ts';
import { secretNameFor } from './draft.ts';
import { httpNode } from './http.ts';
import { agentModel, node, placeholderNode, type Origin } from './make.ts';
import { n8nCode } from './n8nCode.ts';
import { n8nCondition, n8nSwitch } from './n8nConditions.ts';
import { n8nDialect, n8nExpressionText } from './n8nExpressions.ts';
import { n8nTrigger } from './n8nTriggers.ts';
import { at, list, text } from './sanitize.ts';
import { jsonataLiteral, literalLiquid } from './translate.ts';
import type { Dialect } from './translate.ts';

const n8nNodeSchema = z.looseObject({
  name: z.string().min(1).max(500),
  type: z.string().min(1).max(300),
  typeVersion: z.number().optional(),
  position: z.array(z.number()).optional(),
  parameters: z.record(z.string(), z.unknown()).default({}),
  credentials: z.record(z.string(), z.unknown()).optional(),
  disabled: z.boolean().optional(),
  onError: z.string().optional(),
  notes: z.string().optional(),
});
type N8nNode = z.infer<typeof n8nNodeSchema>;

const targetSchema = z.looseObject({
  node: z.string(),
  type: z.string().default('main'),
  index: z.number().int().min(0).max(100).default(0),
});

/** n8n's workflow JSON: nodes, and connections keyed by the source node's name. */
export const n8nFileSchema = z.looseObject({
  name: z.string().max(500).default('Imported n8n workflow'),
  nodes: z.array(n8nNodeSchema).max(2_000),
  connections: z
    .record(z.string(), z.record(z.string(), z.array(z.array(targetSchema).nullable())))
    .default({}),
});
type N8nFile = z.infer<typeof n8nFileSchema>;

/** What a built node is in terms of outputs: which port each n8n output index leaves by. */
type Ports = (index: number) => string | undefined;

interface Built {
  readonly node: DraftNode;
  readonly ports: Ports;
}

const single: Ports = (i) => (i === 0 ? 'out' : undefined);
const base = (type: string) =>
  type.replace(/^n8n-nodes-base\./, '').replace(/^@n8n\/n8n-nodes-langchain\./, 'lc.');

/** Helpers bound to one node: its parameters as our templates and expressions. */
export interface N8nFields {
  readonly draft: Draft;
  readonly dialect: Dialect;
  readonly id: string;
  template(field: string, value: unknown): string;
  expression(field: string, value: unknown, literal?: (text: string) => string): string;
}

function fields(draft: Draft, dialect: Dialect, id: string): N8nFields {
  return {
    draft,
    dialect,
    id,
    template(field, value) {
      const { expression, text: t } = n8nExpressionText(value);
      return expression ? draft.template(id, field, t, dialect) : literalLiquid(t);
    },
    expression(field, value, literal = jsonataLiteral) {
      const { expression, text: t } = n8nExpressionText(value);
      return expression ? draft.expression(id, field, t, dialect, literal) : literal(t);
    },
  };
}

function credentialOf(n: N8nNode): { type: string; name: string } | undefined {
  const [entry] = Object.entries(n.credentials ?? {});
  return entry ? { type: entry[0], name: text(entry[1], entry[0], 'name') } : undefined;
}

function httpRequest(draft: Draft, origin: Origin, n: N8nNode, f: N8nFields): DraftNode {
  const p = n.parameters;
  const pairs = (key: string) =>
    list(p, key, 'parameters').map(
      (h) =>
        [text(h, '', 'name'), f.template(`${key}.${text(h, '', 'name')}`, at(h, 'value'))] as const,
    );
  const jsonBody = at(p, 'jsonBody');
  const body =
    jsonBody !== undefined
      ? f.template('body', jsonBody)
      : p['sendBody'] === true
        ? `{ ${pairs('bodyParameters')
            .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
            .join(', ')} }`
        : undefined;
  const credential = credentialOf(n);
  return httpNode(draft, origin, {
    method: text(p, 'GET', 'method') || text(p, 'GET', 'requestMethod'),
    url: f.template('url', p['url'] ?? ''),
    headers: pairs('headerParameters'),
    ...(body !== undefined ? { body } : {}),
    ...(credential ? { credential } : {}),
  });
}

function setFields(draft: Draft, origin: Origin, n: N8nNode, f: N8nFields): DraftNode {
  const p = n.parameters;
  const assignments = [
    ...list(p, 'assignments', 'assignments').map(
      (a) => [text(a, '', 'name'), at(a, 'value'), text(a, 'string', 'type')] as const,
    ),
    ...list(p, 'fields', 'values').map(
      (a) =>
        [
          text(a, '', 'name'),
          at(a, text(a, 'stringValue', 'type')) ?? at(a, 'stringValue'),
          text(a, 'string', 'type'),
        ] as const,
    ),
    ...['string', 'number', 'boolean'].flatMap((type) =>
      list(p, 'values', type).map((a) => [text(a, '', 'name'), at(a, 'value'), type] as const),
    ),
  ].filter(([name]) => name !== '');
  const literal = (type: string) => (t: string) =>
    type === 'string' ? JSON.stringify(t) : jsonataLiteral(t);
  const object = `{ ${assignments
    .map(
      ([name, value, type]) =>
        `${JSON.stringify(name)}: ${f.expression(`assignments.${name}`, value, literal(type))}`,
    )
    .join(', ')} }`;
  const keepOthers =
    text(p, '', 'include') === 'all' ||
    at(p, 'options', 'includeOtherFields') === true ||
    p['keepOnlySet'] === false;
  const made = node(draft, origin, 'transform', {
    language: 'jsonata',
    expression: keepOthers ? `$merge([$, ${object}])` : object,
  });
  const dotted = assignments.some(([name]) => name.includes('.'));
  draft.record(
    origin.name,
    origin.type,
    dotted ? 'approximated' : 'mapped',
    made,
    dotted ? 'field names with dots are kept as flat names (n8n nests them)' : undefined,
  );
  return made;
}

function agentNode(
  draft: Draft,
  origin: Origin,
  n: N8nNode,
  f: N8nFields,
  model: N8nNode | undefined,
): DraftNode {
  const p = n.parameters;
  const messages = list(p, 'messages', 'values');
  const prompt =
    at(p, 'text') ??
    messages
      .filter((m) => text(m, 'user', 'role') !== 'system')
      .map((m) => text(m, '', 'content'))
      .join('\n\n');
  const auto =
    text(p, '', 'promptType') === 'auto' || (at(p, 'text') === undefined && messages.length === 0);
  const system =
    at(p, 'options', 'systemMessage') ??
    messages.find((m) => text(m, '', 'role') === 'system')?.valueOf();
  const modelName =
    text(model?.parameters, '', 'model', 'value') ||
    text(model?.parameters, '', 'model') ||
    text(p, '', 'modelId', 'value') ||
    text(p, '', 'model');
  const made = node(draft, origin, 'agent', {
    prompt: auto
      ? draft.template(origin.key, 'prompt', '{{ $json.chatInput }}', f.dialect)
      : f.template('prompt', prompt),
    ...(system !== undefined
      ? {
          role: f.template(
            'role',
            typeof system === 'string' ? system : text(system, '', 'content'),
          ),
        }
      : {}),
    model: agentModel(
      modelName,
      Number(at(model?.parameters, 'options', 'temperature') ?? at(p, 'options', 'temperature')),
    ),
  });
  draft.record(
    origin.name,
    origin.type,
    'approximated',
    made,
    `model "${made.data['model'] && modelName ? modelName : 'default'}" on the workspace's default provider; tools and memory of the original are not carried`,
  );
  return made;
}

function emailNode(draft: Draft, origin: Origin, n: N8nNode, f: N8nFields): DraftNode {
  const p = n.parameters;
  const gmail = base(n.type) === 'gmail';
  const made = node(draft, origin, 'capability', {
    capability: 'email.send',
    input: {
      to: f.template('to', gmail ? p['sendTo'] : p['toEmail']),
      subject: f.template('subject', p['subject'] ?? ''),
      body: f.template('body', (gmail ? p['message'] : (p['text'] ?? p['html'])) ?? ''),
    },
  });
  const credential = credentialOf(n);
  if (credential) draft.credential(origin.name, credential.type, credential.name);
  draft.record(
    origin.name,
    origin.type,
    'mapped',
    made,
    'sends through the workspace mail connection (its credential is not imported)',
  );
  return made;
}

/** Builds one n8n node; `sub` holds the AI sub-nodes (models) attached to it. */
function build(draft: Draft, n: N8nNode, dialect: Dialect, sub: readonly N8nNode[]): Built {
  const origin: Origin = {
    key: n.name,
    name: n.name,
    type: n.type,
    ...(n.position && n.position.length >= 2
      ? { position: { x: n.position[0] ?? 0, y: n.position[1] ?? 0 } }
      : {}),
  };
  const f = fields(draft, dialect, draft.reserve(n.name, n.name));
  const errorOutput = n.onError === 'continueErrorOutput';
  const withError: Ports = (i) => (i === 0 ? 'out' : i === 1 && errorOutput ? 'error' : undefined);
  const type = base(n.type);
  const trigger = n8nTrigger(draft, origin, n.parameters);
  if (trigger) return { node: trigger, ports: single };
  switch (type) {
    case 'httpRequest':
      return { node: httpRequest(draft, origin, n, f), ports: withError };
    case 'if':
    case 'filter':
      return n8nCondition(draft, origin, n.parameters, f, type === 'filter');
    case 'switch':
      return n8nSwitch(draft, origin, n.parameters, f);
    case 'merge': {
      const made = node(draft, origin, 'join', { mode: 'all' });
      draft.record(
        n.name,
        n.type,
        'approximated',
        made,
        `waits for every branch; n8n's "${text(n.parameters, 'append', 'mode')}" mode is not carried`,
      );
      return { node: made, ports: single };
    }
    case 'splitInBatches': {
      const made = node(draft, origin, 'loop', { mode: 'map', items: '$', maxIterations: 1_000 });
      draft.record(
        n.name,
        n.type,
        'approximated',
        made,
        'goes through the input list one item at a time (batch size not carried)',
      );
      const v3 = (n.typeVersion ?? 1) >= 3;
      return {
        node: made,
        ports: (i) =>
          v3 ? (i === 0 ? 'done' : i === 1 ? 'body' : undefined) : i === 0 ? 'body' : undefined,
      };
    }
    case 'set':
      return { node: setFields(draft, origin, n, f), ports: single };
    case 'code':
    case 'function':
    case 'functionItem':
      return { node: n8nCode(draft, origin, n.parameters, type), ports: withError };
    case 'noOp': {
      const made = node(draft, origin, 'transform', { language: 'jsonata', expression: '$' });
      draft.record(n.name, n.type, 'mapped', made);
      return { node: made, ports: single };
    }
    case 'executeWorkflow': {
      const workflow =
        text(n.parameters, '', 'workflowId', 'value') || text(n.parameters, '', 'workflowId');
      const made = node(draft, origin, 'subflow', { flow: 'choose-a-flow' });
      draft.record(
        n.name,
        n.type,
        'approximated',
        made,
        `ran n8n workflow ${workflow || '(unnamed)'}: import it too, then choose it on this node`,
      );
      return { node: made, ports: withError };
    }
    case 'wait': {
      const amount = Number(at(n.parameters, 'amount') ?? 1);
      const unit =
        ({ seconds: 's', minutes: 'm', hours: 'h', days: 'd' } as Record<string, string>)[
          text(n.parameters, 'hours', 'unit')
        ] ?? 'h';
      const timed = text(n.parameters, 'timeInterval', 'resume') === 'timeInterval';
      const made = node(draft, origin, 'approval', {
        title: `Continue: ${n.name}`.slice(0, 200),
        ...(timed && Number.isInteger(amount) && amount > 0
          ? { expiresAfter: `${amount}${unit}`, onTimeout: 'draft' }
          : {}),
      });
      draft.record(
        n.name,
        n.type,
        'approximated',
        made,
        timed
          ? 'a timed wait becomes an approval that continues on its own (by its "draft" path) when the time is up'
          : 'waiting for a webhook or form becomes an approval in the inbox',
      );
      return { node: made, ports: (i) => (i === 0 ? (timed ? 'draft' : 'approved') : undefined) };
    }
    case 'respondToWebhook': {
      const made = node(draft, origin, 'output', { value: '$' });
      draft.record(
        n.name,
        n.type,
        'approximated',
        made,
        'ends the run with its input as the result (the HTTP response options are not carried)',
      );
      return { node: made, ports: single };
    }
    case 'emailSend':
      return { node: emailNode(draft, origin, n, f), ports: withError };
    case 'lc.agent':
    case 'lc.chainLlm':
    case 'lc.openAi':
    case 'openAi': {
      const model = sub.find((s) => /lmChat|lmOpenAi|lmOllama|lm[A-Z]/.test(s.type));
      return { node: agentNode(draft, origin, n, f, model), ports: withError };
    }
    default:
      break;
  }
  if (type === 'gmail' && text(n.parameters, 'send', 'operation') === 'send')
    return { node: emailNode(draft, origin, n, f), ports: withError };
  if (text(n.parameters, '', 'operation') === 'sendAndWait') {
    const made = node(draft, origin, 'approval', {
      title: f.template('title', n.parameters['subject'] ?? `Approve: ${n.name}`),
      preview: f.template('preview', n.parameters['message'] ?? '{{ subject | json }}'),
    });
    draft.record(
      n.name,
      n.type,
      'approximated',
      made,
      'asks in the approvals inbox instead of by message',
    );
    return { node: made, ports: (i) => (i === 0 ? 'approved' : undefined) };
  }
  const credential = credentialOf(n);
  if (credential)
    draft.credential(n.name, credential.type, credential.name, secretNameFor(credential.name));
  return {
    node: placeholderNode(draft, origin, n.parameters, 4),
    ports: (i) => (i === 0 ? 'out' : `out${i + 1}`),
  };
}

const AI_LINKS = /^ai_/;

/**
 * Converts an n8n workflow: nodes by type (see the table in docs), connections by name and output
 * index into edges and ports; AI sub-nodes (models) fold into the agent they serve.
 */
export function importN8n(draft: Draft, file: N8nFile): { name: string; description: string } {
  const dialect = n8nDialect(draft);
  const byName = new Map(file.nodes.map((n) => [n.name, n]));
  // Sub-nodes reach their parent through ai_* connections (model → agent).
  const parentOf = new Map<string, string>();
  for (const [from, kinds] of Object.entries(file.connections))
    for (const [kind, outputs] of Object.entries(kinds))
      if (AI_LINKS.test(kind)) for (const t of outputs.flat()) if (t) parentOf.set(from, t.node);
  const notes: string[] = [];
  for (const n of file.nodes)
    if (n.type.endsWith('.stickyNote')) notes.push(text(n.parameters, '', 'content'));
  // Ids first, so expressions can name nodes built later.
  for (const n of file.nodes)
    if (!parentOf.has(n.name) && !n.type.endsWith('.stickyNote')) draft.reserve(n.name, n.name);
  const built = new Map<string, Built>();
  for (const n of file.nodes) {
    if (n.type.endsWith('.stickyNote')) {
      draft.record(
        n.name,
        n.type,
        'not-carried',
        undefined,
        'a sticky note: its text is in the flow description',
      );
      continue;
    }
    const parent = parentOf.get(n.name);
    if (parent) {
      draft.record(
        n.name,
        n.type,
        /lm/i.test(n.type) ? 'mapped' : 'not-carried',
        undefined,
        /lm/i.test(n.type)
          ? `its model is set on the agent "${parent}"`
          : `attached to "${parent}"; tools and memories of n8n agents are not carried`,
      );
      const credential = credentialOf(n);
      if (credential) draft.credential(n.name, credential.type, credential.name);
      continue;
    }
    const sub = file.nodes.filter((s) => parentOf.get(s.name) === n.name);
    const made = build(draft, n, dialect, sub);
    if (n.disabled) draft.notes.push(`"${n.name}" was disabled in n8n; it is active here.`);
    if (n.notes) made.node.data['notes'] = n.notes.slice(0, 4_000);
    built.set(n.name, made);
  }
  for (const [from, kinds] of Object.entries(file.connections)) {
    const source = built.get(from);
    if (!source) continue;
    (kinds['main'] ?? []).forEach((targets, index) => {
      for (const t of targets ?? []) {
        const target = built.get(t.node);
        const port = source.ports(index);
        if (!target) continue;
        if (!port) {
          draft.notes.push(
            `"${from}" output ${index + 1} → "${t.node}" has no counterpart port and was left out.`,
          );
          continue;
        }
        draft.connect(source.node.id, port, target.node.id);
      }
    });
  }
  if (byName.size !== file.nodes.length)
    draft.notes.push('Some nodes shared a name; n8n connects by name, so edges may be ambiguous.');
  return { name: file.name, description: notes.filter(Boolean).join('\n\n').slice(0, 10_000) };
}
