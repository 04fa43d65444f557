/**
 * What an original expression refers to, in terms of ours: the node's input, another node's
 * output (by our id), or the run's input; then a path of property names and indexes.
 */
export type Root =
  | { readonly kind: 'input' }
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'run' };

export interface Reference {
  readonly root: Root;
  readonly path: readonly (string | number)[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * As Liquid: `input.customer.name`, `nodes["fetch-order"].body`, `run.input.items[0]`.
 * @example liquidPath({ root: { kind: 'input' }, path: ['a', 0] }) // 'input.a[0]'
 */
export function liquidPath(ref: Reference): string {
  const head =
    ref.root.kind === 'input'
      ? 'input'
      : ref.root.kind === 'run'
        ? 'run.input'
        : IDENT.test(ref.root.id)
          ? `nodes.${ref.root.id}`
          : `nodes[${JSON.stringify(ref.root.id)}]`;
  return ref.path.reduce<string>(
    (out, step) =>
      typeof step === 'number'
        ? `${out}[${step}]`
        : IDENT.test(step)
          ? `${out}.${step}`
          : `${out}[${JSON.stringify(step)}]`,
    head,
  );
}

/** A name as a JSONata path step: backquoted unless it is a plain identifier. */
const jsonataName = (name: string) => (IDENT.test(name) ? name : `\`${name.replaceAll('`', '')}\``);

/**
 * As JSONata, where `$` is the node's input: `customer.name`, `$nodes.fetch.body`, `$run.input.x`.
 * @example jsonataPath({ root: { kind: 'node', id: 'a-b' }, path: ['c'] }) // '$nodes.`a-b`.c'
 */
export function jsonataPath(ref: Reference): string {
  const steps = ref.path.map((step) =>
    typeof step === 'number' ? `[${step}]` : jsonataName(step),
  );
  const head =
    ref.root.kind === 'input'
      ? []
      : ref.root.kind === 'run'
        ? ['$run', 'input']
        : ['$nodes', jsonataName(ref.root.id)];
  const all = [...head, ...steps];
  if (all.length === 0) return '$';
  return all.reduce(
    (out, step) => (step.startsWith('[') ? `${out || '$'}${step}` : out ? `${out}.${step}` : step),
    '',
  );
}

const STEP = /^(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\])/;

/**
 * Reads a chain of property accesses (`.a["b"][0]`); `undefined` when the text is anything else
 * (a method call, an operator), which is then not translated.
 * @example propertyChain('.a["b c"][2]') // ['a', 'b c', 2]
 */
export function propertyChain(text: string): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    const [all, dot, double, single, index] = m;
    path.push(index !== undefined ? Number(index) : (dot ?? double ?? single ?? ''));
    rest = rest.slice(all.length).trimStart();
  }
  return path;
}

/** Dotted paths as Node-RED and Dify write them (`payload.items[0].name`). */
export function dottedPath(text: string): (string | number)[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return propertyChain(/^[[.]/.test(trimmed) ? trimmed : `.${trimmed}`);
}
