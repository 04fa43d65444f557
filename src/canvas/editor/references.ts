/**
 * What a node's settings read from the run besides the input handed to it: other nodes' outputs
 * (`nodes.draft`, `$nodes.draft`, `nodes["draft"]`, `` $nodes.`agent-1` ``), the run's input
 * (`run.input`) and the enclosing loop (`loop.item`, `loop.index`, `loop.results`). Templates
 * (Liquid) and expressions (JSONata) name them the same way, so one textual scan serves both.
 * The scan errs on the side of seeing a reference: a false one only makes grouping refuse.
 */
interface ScopeReads {
  /** Ids of nodes whose output is read. */
  readonly nodes: ReadonlySet<string>;
  readonly runInput: boolean;
  readonly loop: boolean;
}

// Not preceded by a word character, `$` or `.`: `input.nodes.x` is a field of the input.
const NODE_REF =
  /(?<![\w$.])\$?nodes\s*(?:\.\s*(?:`([^`]+)`|([A-Za-z0-9_][\w-]*))|\[\s*(["'])(.*?)\3\s*\])/g;
const RUN_INPUT = /(?<![\w$.])\$?run\s*(?:\.\s*input\b|\[\s*(["'])input\1\s*\])/g;
const LOOP_REF = /(?<![\w$.])(\$?)loop(?=\s*(?:\.\s*(?:item|index|results)\b|\[))/g;

/** Every string inside a node's data, at any depth. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

/**
 * The node a written name stands for. JSONata reads `$nodes.agent-1` as `agent` minus 1, and
 * people write it anyway, so a name also matches the longest id it starts with before a "-".
 */
function resolveName(name: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(name)) return name;
  let best: string | undefined;
  for (const id of ids)
    if (name.startsWith(`${id}-`) && (best === undefined || id.length > best.length)) best = id;
  return best;
}

/**
 * What `data` reads from the run's scope; `ids` are the flow's node ids.
 * @example scopeReads({ prompt: 'Reply to {{ nodes.classify.summary }} for {{ run.input.client }}' }, new Set(['classify']))
 *   // { nodes: Set { 'classify' }, runInput: true, loop: false }
 */
export function scopeReads(data: unknown, ids: ReadonlySet<string>): ScopeReads {
  const nodes = new Set<string>();
  let runInput = false;
  let loop = false;
  for (const text of stringsOf(data)) {
    for (const match of text.matchAll(NODE_REF)) {
      const id = resolveName(match[1] ?? match[2] ?? match[4] ?? '', ids);
      if (id !== undefined) nodes.add(id);
    }
    runInput ||= text.search(RUN_INPUT) >= 0;
    loop ||= text.search(LOOP_REF) >= 0;
  }
  return { nodes, runInput, loop };
}

/** Where a subflow finds what its nodes read from the parent run: fields of its run input. */
export const CARRIED = {
  value: 'value',
  runInput: 'runInput',
  nodes: 'nodes',
  loop: 'loop',
} as const;

/** What a group reads from the run it leaves, to hand it to the subflow in its input. */
export interface Carried {
  readonly runInput: boolean;
  readonly nodes: ReadonlySet<string>;
  readonly loop: boolean;
}

function carryText(text: string, carried: Carried, ids: ReadonlySet<string>): string {
  let out = carried.runInput ? text.replace(RUN_INPUT, (m) => `${m}.${CARRIED.runInput}`) : text;
  // After run.input, so that what this inserts is not rewritten again.
  if (carried.nodes.size > 0)
    out = out.replace(NODE_REF, (m, ...groups: unknown[]) => {
      const [tick, bare, , quoted] = groups as (string | undefined)[];
      const id = resolveName(tick ?? bare ?? quoted ?? '', ids);
      return id !== undefined && carried.nodes.has(id)
        ? m.replace(/^(\$?)nodes/, `$1run.input.${CARRIED.nodes}`)
        : m;
    });
  if (carried.loop) out = out.replace(LOOP_REF, `$1run.input.${CARRIED.loop}`);
  return out;
}

/**
 * `data` with its reads of the parent run redirected to the subflow's run input, which carries
 * them: `run.input.x` → `run.input.runInput.x`, `nodes.a.x` → `run.input.nodes.a.x`,
 * `loop.item` → `run.input.loop.item`. `ids` are the parent flow's node ids.
 * @example carryReads({ p: '{{ nodes.a.text }}' }, { runInput: false, nodes: new Set(['a']), loop: false }, new Set(['a']))
 *   // { p: '{{ run.input.nodes.a.text }}' }
 */
export function carryReads(
  data: Readonly<Record<string, unknown>>,
  carried: Carried,
  ids: ReadonlySet<string>,
): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return carryText(value, carried, ids);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, walk(v)]));
}

/**
 * The Subflow node's input expression: the value reaching the group, or, when the group reads the
 * run around it, an object carrying that too, under the names `carryReads` rewrites reads to.
 * @example carryingInput({ runInput: true, nodes: new Set(['a']), loop: false })
 *   // '{ "value": $, "runInput": $run.input, "nodes": { "a": $nodes.a } }'
 */
export function carryingInput(carried: Carried | undefined): string {
  if (!carried) return '$';
  const name = (id: string) => (/^[A-Za-z_]\w*$/.test(id) ? id : `\`${id}\``);
  const parts = [`"${CARRIED.value}": $`];
  if (carried.runInput) parts.push(`"${CARRIED.runInput}": $run.input`);
  if (carried.nodes.size > 0) {
    const nodes = [...carried.nodes].map((id) => `"${id}": $nodes.${name(id)}`);
    parts.push(`"${CARRIED.nodes}": { ${nodes.join(', ')} }`);
  }
  if (carried.loop) parts.push(`"${CARRIED.loop}": $loop`);
  return `{ ${parts.join(', ')} }`;
}
