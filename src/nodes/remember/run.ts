import { render } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { remember } from './schema.ts';

export const runRemember: KindExecutor<typeof remember> = async (x) => {
  const { data } = x.node;
  const text = await render(data.text, x.scope, 'text');
  const entities = (
    await Promise.all(data.entities.map((e, i) => render(e, x.scope, `entities[${i}]`)))
  )
    .map((e) => e.trim())
    .filter(Boolean);
  // The id makes a resumed or retried run replace its memory instead of adding it twice.
  const { id } = await x.services.memory.remember({
    id: `${x.runId}/${x.node.id}/${x.visit}`,
    text,
    kind: data.kind,
    entities,
    tags: data.tags,
    source: { runId: x.runId, nodeId: x.node.id },
  });
  x.log({ type: 'memory.remembered', node: x.node.id, id });
  return { output: { memoryId: id, text } };
};
