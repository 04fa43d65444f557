import { callCapability, resolveCapability } from '../../capabilities/index.ts';
import { resolveField, render } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { capability } from './schema.ts';

const confidenceOf = (value: unknown): number | undefined => {
  const c =
    value && typeof value === 'object'
      ? (value as Record<string, unknown>)['confidence']
      : undefined;
  return typeof c === 'number' ? c : undefined;
};

/**
 * One capability call: map the input, then call it under policy through the effects ledger, so
 * it happens at most once per idempotency key, however often this node re-runs.
 */
export const runCapability: KindExecutor<typeof capability> = async (x) => {
  const { data } = x.node;
  const capability = resolveCapability(data.capability, x.flow, x.services.capabilities);
  const raw: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(data.input))
    raw[name] = await resolveField(template, x.scope, `input.${name}`);
  const key = data.idempotencyKey
    ? await render(data.idempotencyKey, x.scope, 'idempotencyKey')
    : `${x.runId}/${x.node.id}/${x.visit}`;
  const confidence = confidenceOf(x.scope.input);
  const output = await callCapability(x, capability, raw, {
    key,
    inputPath: 'input',
    ...(confidence !== undefined ? { confidence } : {}),
  });
  return { output };
};
