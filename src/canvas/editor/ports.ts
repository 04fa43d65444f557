import type { Ports } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';

const NO_PORTS: Ports = { inputs: [], outputs: [] };
type Data = Record<string, unknown>;
const parsedCache = new WeakMap<object, Data | undefined>();

/**
 * The node's config parsed by its kind, or `undefined` when it does not parse. Cached by the data
 * object: the editor never mutates data, so an unchanged object has an unchanged answer.
 */
export function parsedData(type: string, data: Data): Data | undefined {
  if (parsedCache.has(data)) return parsedCache.get(data);
  let value: Data | undefined;
  try {
    const parsed = getKind(type)?.config.safeParse(data);
    value = parsed?.success ? parsed.data : undefined;
  } catch {
    // A refinement that throws on half-typed input must not take the canvas down.
    value = undefined;
  }
  parsedCache.set(data, value);
  return value;
}

/**
 * The handles a node shows. A node whose config does not parse (mid-edit) keeps the handles its
 * raw data implies where possible, else its kind's defaults, so edges do not vanish while typing.
 * @example portsOf('approval', { version: 1, label: 'Review', onTimeout: 'draft' }).outputs.length // 3
 */
export function portsOf(type: string, data: Data): Ports {
  const kind = getKind(type);
  if (!kind) return NO_PORTS;
  const parsed = parsedData(type, data);
  if (parsed !== undefined) return kind.ports(parsed);
  const defaults = kind.defaults();
  try {
    return kind.ports({ ...defaults, ...data });
  } catch {
    return kind.ports(defaults);
  }
}
