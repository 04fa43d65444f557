import { z } from 'zod';
import type { Draft, DraftNode } from './draft.ts';
import { httpNode } from './http.ts';
import { node, placeholderNode, webhookStart, type Origin } from './make.ts';
import { changeRules, msgPath, ruleList, switchRule } from './nodeRedRules.ts';
import { dottedPath } from './paths.ts';
import { list, text } from './sanitize.ts';
import type { Dialect } from './translate.ts';
import { untranslatedExpression } from './translate.ts';

const nodeSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  z: z.string().max(200).optional(),
  name: z.string().max(500).optional(),
  label: z.string().max(500).optional(),
  x: z.number().optional(),
  y: z.number().optional(),
  wires: z
    .array(z.array(z.string().max(200)).max(100))
    .max(50)
    .optional(),
});
type RedNode = z.infer<typeof nodeSchema>;

/** Node-RED's flow JSON: one flat array of nodes (tabs, config nodes and flow nodes alike). */
export const nodeRedFileSchema = z.union([
  z.array(nodeSchema).max(5_000),
  z.looseObject({ flows: z.array(nodeSchema).max(5_000) }).transform((f) => f.flows),
]);
type NodeRedFile = z.infer<typeof nodeRedFileSchema>;

/** Mustache in Template nodes: `{{payload.name}}` reads `msg`, which is our input. */
const mustache: Dialect = {
  name: 'Node-RED',
  segment: /\{\{\{?\s*([^{}]*?)\s*\}?\}\}/,
  resolve: (inner) => {
    if (/^(flow|global|env)\./.test(inner)) return undefined;
    const path = dottedPath(inner.replace(/^msg\./, ''));
    return path ? { root: { kind: 'input' }, path } : undefined;
  },
};

type Ports = (index: number) => string | undefined;
const single: Ports = (i) => (i === 0 ? 'out' : undefined);

const cronOfInject = (n: RedNode): string | undefined => {
  const crontab = text(n, '', 'crontab');
  if (crontab) return crontab.trim().split(/\s+/).length === 5 ? crontab.trim() : undefined;
  const seconds = Number(text(n, '', 'repeat'));
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  if (seconds % 3_600 === 0) return `0 */${seconds / 3_600} * * *`;
  if (seconds % 60 === 0) return `*/${seconds / 60} * * * *`;
  return undefined;
};

function build(draft: Draft, n: RedNode, origin: Origin): { node: DraftNode; ports: Ports } {
  const id = draft.reserve(n.id, origin.name);
  switch (n.type) {
    case 'inject': {
      const cron = cronOfInject(n);
      const made = node(draft, origin, 'start', {
        triggers: cron
          ? [{ type: 'schedule', cron, timezone: 'UTC', missed: 'skip' }]
          : [{ type: 'manual' }],
      });
      const repeating = Boolean(text(n, '', 'repeat') || text(n, '', 'crontab'));
      draft.record(
        origin.name,
        n.type,
        cron || !repeating ? 'mapped' : 'approximated',
        made,
        cron
          ? `runs on "${cron}" (UTC)`
          : repeating
            ? 'its interval has no cron equivalent: runs by hand'
            : 'runs by hand; the injected payload becomes the run input',
      );
      return { node: made, ports: single };
    }
    case 'http in':
      return {
        node: webhookStart(
          draft,
          origin,
          `Node-RED ${text(n, 'get', 'method').toUpperCase()} ${text(n, '', 'url')}`,
        ),
        ports: single,
      };
    case 'http request': {
      const url = text(n, '', 'url');
      const method = text(n, 'GET', 'method');
      const made = httpNode(draft, origin, {
        method: method === 'use' ? 'POST' : method,
        url: url ? draft.template(id, 'url', url, mustache) : '{{ input.url }}',
        headers: [],
        body: '{{ input.payload | json }}',
        // Node-RED hands on the message with the response as its payload.
        responseMapping: '{ "payload": $ }',
      });
      if (!url || method === 'use')
        draft.notes.push(`"${origin.name}" took its URL or method from msg: check the capability.`);
      return { node: made, ports: single };
    }
    case 'http response':
    case 'debug': {
      const made = node(draft, origin, 'output', { value: '$' });
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        n.type === 'debug'
          ? 'a debug sink ends the run with what it received'
          : 'ends the run with what it received as the result',
      );
      return { node: made, ports: single };
    }
    case 'switch': {
      const left =
        text(n, 'msg', 'propertyType') === 'msg'
          ? msgPath(text(n, 'payload', 'property'))
          : undefined;
      const rules = ruleList(n).slice(0, 20);
      const elseAt = rules.findIndex((r) => text(r, '', 't') === 'else');
      const branches = rules.flatMap((rule, i) => {
        if (i === elseAt) return [];
        const when = left ? switchRule(rule, left) : undefined;
        if (!when)
          draft.noteExpression(id, `branches.r${i + 1}`, JSON.stringify(rule).slice(0, 500));
        return [
          {
            id: `r${i + 1}`,
            label: `Rule ${i + 1}`,
            when: when ?? untranslatedExpression('Node-RED', JSON.stringify(rule)),
          },
        ];
      });
      const made = node(draft, origin, 'condition', {
        branches: branches.length ? branches : [{ id: 'r1', label: 'Rule 1', when: 'false' }],
      });
      const checkAll = text(n, 'true', 'checkall') === 'true';
      draft.record(
        origin.name,
        n.type,
        checkAll ? 'approximated' : 'mapped',
        made,
        checkAll
          ? 'Node-RED sent the message to every rule that matched; here the first that holds is taken'
          : undefined,
      );
      return {
        node: made,
        ports: (i) => (i === elseAt ? 'else' : i < rules.length ? `r${i + 1}` : undefined),
      };
    }
    case 'change': {
      const expression = changeRules(ruleList(n));
      if (!expression)
        draft.noteExpression(id, 'expression', JSON.stringify(ruleList(n)).slice(0, 500));
      const made = node(draft, origin, 'transform', {
        language: 'jsonata',
        expression: expression ?? untranslatedExpression('Node-RED', JSON.stringify(ruleList(n))),
      });
      draft.record(
        origin.name,
        n.type,
        expression ? 'mapped' : 'approximated',
        made,
        expression
          ? undefined
          : 'rules that read flow/global context or env are kept verbatim: rewrite them',
      );
      return { node: made, ports: single };
    }
    case 'template': {
      const made = node(draft, origin, 'transform', {
        language: 'liquid',
        template: draft.template(id, 'template', text(n, '', 'template'), mustache),
      });
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        `renders the text as the output (Node-RED put it in msg.${text(n, 'payload', 'field')})`,
      );
      return { node: made, ports: single };
    }
    case 'function': {
      const prelude =
        'const msg = input; const node = { log: console.log, warn: console.log, error: console.log, send: () => {}, done: () => {}, status: () => {} }; const __out = (() => { ';
      const postlude = '\n})(); return Array.isArray(__out) ? __out[0] ?? null : __out;';
      const made = node(draft, origin, 'code', {
        source: `${prelude}${text(n, 'return msg;', 'func')}${postlude}`.slice(0, 100_000),
      });
      const outputs = n.wires?.length ?? 1;
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        `runs in the sandbox with msg = its input; context, flow, global and env are not there${outputs > 1 ? '; only the first of its outputs is kept' : ''}`,
      );
      return { node: made, ports: single };
    }
    case 'join': {
      const made = node(draft, origin, 'join', { mode: 'all' });
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        'waits for every branch (Node-RED joined message parts)',
      );
      return { node: made, ports: single };
    }
    case 'split': {
      const made = node(draft, origin, 'loop', {
        mode: 'map',
        items: 'payload',
        maxIterations: 1_000,
      });
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        'goes through msg.payload one item at a time',
      );
      return { node: made, ports: (i) => (i === 0 ? 'body' : undefined) };
    }
    case 'delay': {
      const amount = Number(text(n, '5', 'timeout'));
      const unit =
        (
          { milliseconds: 'ms', seconds: 's', minutes: 'm', hours: 'h', days: 'd' } as Record<
            string,
            string
          >
        )[text(n, 'seconds', 'timeoutUnits')] ?? 's';
      const timed =
        text(n, 'delay', 'pauseType') === 'delay' && Number.isInteger(amount) && amount > 0;
      const made = node(draft, origin, 'approval', {
        title: `Continue: ${origin.name}`.slice(0, 200),
        ...(timed ? { expiresAfter: `${amount}${unit}`, onTimeout: 'draft' } : {}),
      });
      draft.record(
        origin.name,
        n.type,
        'approximated',
        made,
        timed
          ? 'a delay becomes an approval that continues on its own (by its "draft" path) when the time is up'
          : 'a rate limit becomes an approval in the inbox',
      );
      return { node: made, ports: (i) => (i === 0 ? (timed ? 'draft' : 'approved') : undefined) };
    }
    case 'e-mail': {
      const made = node(draft, origin, 'capability', {
        capability: 'email.send',
        input: {
          to: text(n, '', 'name') || '{{ input.to }}',
          subject: '{{ input.topic }}',
          body: '{{ input.payload }}',
        },
      });
      draft.record(
        origin.name,
        n.type,
        'mapped',
        made,
        'sends through the workspace mail connection',
      );
      if (text(n, '', 'server'))
        draft.credential(origin.name, 'e-mail server', text(n, '', 'server'));
      return { node: made, ports: single };
    }
    case 'link in':
    case 'link out': {
      const made = node(draft, origin, 'transform', { language: 'jsonata', expression: '$' });
      draft.record(
        origin.name,
        n.type,
        'mapped',
        made,
        'a link: passes its input on along the linked wire',
      );
      return { node: made, ports: single };
    }
    default: {
      if (n.type.startsWith('subflow:')) {
        const made = node(draft, origin, 'subflow', { flow: 'choose-a-flow' });
        draft.record(
          origin.name,
          n.type,
          'approximated',
          made,
          'a Node-RED subflow: import it as a flow of its own, then choose it on this node',
        );
        return { node: made, ports: single };
      }
      const made = placeholderNode(
        draft,
        origin,
        Object.fromEntries(
          Object.entries(n).filter(([k]) => !['id', 'z', 'x', 'y', 'wires', 'type'].includes(k)),
        ),
        n.wires?.length ?? 1,
      );
      return { node: made, ports: (i) => (i === 0 ? 'out' : `out${i + 1}`) };
    }
  }
}

const LAYOUT_ONLY = new Set(['tab', 'group', 'junction']);

/** Converts Node-RED's flat array: tabs side by side, wires into edges, links resolved. */
export function importNodeRed(
  draft: Draft,
  file: NodeRedFile,
): { name: string; description: string } {
  const tabs = file.filter((n) => n.type === 'tab');
  const tabRow = new Map(tabs.map((t, i) => [t.id, i]));
  const comments: string[] = [];
  const built = new Map<string, { node: DraftNode; ports: Ports }>();
  const flowNodes = file.filter((n) => n.wires !== undefined || n.x !== undefined);
  for (const n of flowNodes)
    if (!LAYOUT_ONLY.has(n.type) && n.type !== 'comment')
      draft.reserve(n.id, n.name || n.label || n.type);
  for (const n of file) {
    const name = n.name || n.label || n.type;
    if (n.type === 'tab' || n.type === 'subflow') continue;
    if (LAYOUT_ONLY.has(n.type)) continue;
    if (n.type === 'comment') {
      comments.push([name, text(n, '', 'info')].filter(Boolean).join(': '));
      draft.record(
        name,
        n.type,
        'not-carried',
        undefined,
        'a comment: its text is in the flow description',
      );
      continue;
    }
    if (n.wires === undefined && n.x === undefined) {
      draft.record(
        name,
        n.type,
        'not-carried',
        undefined,
        'a configuration node: set up the matching connection or secret here',
      );
      if (/broker|server|config|tls|credential|auth/i.test(n.type))
        draft.credential(name, n.type, name);
      continue;
    }
    const row = tabRow.get(n.z ?? '') ?? 0;
    const origin: Origin = {
      key: n.id,
      name,
      type: n.type,
      ...(n.x !== undefined && n.y !== undefined
        ? { position: { x: n.x, y: n.y + row * 600 } }
        : {}),
    };
    built.set(n.id, build(draft, n, origin));
  }
  for (const n of flowNodes) {
    const source = built.get(n.id);
    if (!source) continue;
    (n.wires ?? []).forEach((targets, index) => {
      const port = source.ports(index);
      for (const t of targets) {
        const target = built.get(t);
        if (!target) continue;
        if (!port) {
          draft.notes.push(
            `"${source.node.id}" output ${index + 1} has no counterpart port: its wire to "${target.node.id}" was left out.`,
          );
          continue;
        }
        draft.connect(source.node.id, port, target.node.id);
      }
    });
    if (n.type === 'link out')
      for (const t of list(n, 'links')) {
        const target = typeof t === 'string' ? built.get(t) : undefined;
        if (target) draft.connect(source.node.id, 'out', target.node.id);
      }
  }
  if (tabs.length > 1)
    draft.notes.push(`${tabs.length} tabs were imported into one flow, one below the other.`);
  const first = tabs[0];
  return {
    name: tabs.length === 1 && first ? text(first, 'Node-RED flow', 'label') : 'Node-RED flows',
    description: [...tabs.map((t) => text(t, '', 'info')), ...comments]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 10_000),
  };
}
