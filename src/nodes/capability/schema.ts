import { z } from 'zod';
import { capabilityIdSchema } from '../../flow/index.ts';
import { baseFields, runnableFields, runPolicyOf, templateSchema } from '../common.ts';
import { defineKind, errorPort, port } from '../kind.ts';

/** One call of a typed, idempotent connector (built-in or defined in the flow). */
export const capability = defineKind({
  kind: 'capability',
  version: 1,
  title: 'Capability',
  description: 'Calls a connector: send an email, create an invoice, log to the CRM…',
  group: 'Capabilities',
  role: 'task',
  icon: '⚡',
  config: z.strictObject({
    ...baseFields,
    ...runnableFields,
    capability: capabilityIdSchema.default('http.request'),
    /** The capability's input fields, each a template over this node's input and the context. */
    input: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), templateSchema).default({}),
    /** Overrides how the idempotency key is derived (default: run id + node id + attempt-independent input hash). */
    idempotencyKey: templateSchema.optional(),
  }),
  runPolicy: runPolicyOf,
  ports: () => ({
    inputs: [port('in', 'Input')],
    outputs: [port('out', 'Result', 'object'), errorPort],
  }),
  summary: (d) => d.capability,
  capabilityRefs: (d) => [{ path: ['capability'], id: d.capability }],
});
