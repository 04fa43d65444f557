import type { Draft, DraftNode, XY } from './draft.ts';
import { secretNameFor } from './draft.ts';
import { keep } from './sanitize.ts';

/** What every imported node starts from: its place, our id for it and its label. */
export interface Origin {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly position?: XY;
}

/** Adds a node of kind `type` for the original `origin`, with `data` on top of version and label. */
export function node(
  draft: Draft,
  origin: Origin,
  type: string,
  data: Record<string, unknown>,
): DraftNode {
  const id = draft.reserve(origin.key, origin.name);
  return draft.add({
    id,
    type,
    data: { version: 1, label: (origin.name || origin.type).slice(0, 120), ...data },
    ...(origin.position ? { position: origin.position } : {}),
  });
}

/** The port ids a placeholder shows for `count` outputs: `out`, `out2`, `out3`… */
const placeholderPorts = (count: number) =>
  Array.from({ length: Math.max(1, Math.min(count, 20)) }, (_, i) =>
    i === 0 ? 'out' : `out${i + 1}`,
  );

/**
 * A node with no counterpart: kept as a placeholder with the original type and (bounded)
 * parameters, one output per original output, listed in the report.
 */
export function placeholderNode(
  draft: Draft,
  origin: Origin,
  parameters: unknown,
  outputs: number,
  why = 'no counterpart here',
): DraftNode {
  const cut: string[] = [];
  const kept = keep(parameters, cut);
  const made = node(draft, origin, 'placeholder', {
    source: draft.format,
    originalType: origin.type.slice(0, 200) || 'unknown',
    parameters:
      kept !== null && typeof kept === 'object' && !Array.isArray(kept) ? kept : { value: kept },
    outputs: placeholderPorts(outputs).map((id, i) => ({ id, label: `Output ${i + 1}` })),
  });
  draft.record(origin.name, origin.type, 'placeholder', made, [why, ...cut].join('; '));
  return made;
}

/** The model settings of an imported agent: the provider is the workspace's, the model the original's. */
export function agentModel(name: string | undefined, temperature?: number) {
  return {
    provider: 'default',
    name: (name || 'gpt-4o-mini').slice(0, 128),
    temperature:
      typeof temperature === 'number' && temperature >= 0 && temperature <= 2 ? temperature : 0.3,
    maxTokens: 2_000,
  };
}

/**
 * A webhook trigger becomes a Start node with our webhook trigger: callers sign with a secret
 * named after the node, which the report lists (the original had none, or one we never import).
 */
export function webhookStart(draft: Draft, origin: Origin, original: string): DraftNode {
  const secret = secretNameFor(`${origin.name} secret`);
  const made = node(draft, origin, 'start', {
    triggers: [{ type: 'webhook', secret, auth: 'hmac-sha256' }],
  });
  draft.record(
    origin.name,
    origin.type,
    'approximated',
    made,
    `a webhook (${original}); callers now sign requests with the secret ${secret}`,
  );
  draft.credential(origin.name, 'webhook signing secret', `${origin.name} secret`, secret);
  return made;
}
