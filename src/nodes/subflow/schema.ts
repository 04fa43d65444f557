import { z } from 'zod';
import { withWidget } from '../../flow/index.ts';
import { baseFields, expressionSchema, runnableFields, runPolicyOf } from '../common.ts';
import { defineKind, errorPort, port } from '../kind.ts';

/** Runs another saved flow as one step, with its own event log linked to this run. */
export const subflow = defineKind({
  kind: 'subflow',
  version: 1,
  title: 'Subflow',
  description: 'Runs another playbook as one step.',
  group: 'Flow',
  role: 'task',
  icon: '⊞',
  config: z.strictObject({
    ...baseFields,
    ...runnableFields,
    /** Id of the flow to run. */
    flow: withWidget(z.string().min(1).max(128), { widget: 'flow' }).default('choose-a-flow'),
    /** JSONata giving the subflow's input from this node's input. */
    input: expressionSchema.default('$'),
  }),
  runPolicy: runPolicyOf,
  ports: () => ({ inputs: [port('in', 'Input')], outputs: [port('out', 'Output'), errorPort] }),
  // The id means nothing to a person: the saved flow's name when it is known.
  summary: (d, names) => {
    const name = names.flow(d.flow);
    return name === undefined ? `runs ${d.flow}` : `runs “${name}”`;
  },
});
