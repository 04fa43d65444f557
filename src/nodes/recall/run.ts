import { render } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { recall } from './schema.ts';

export const runRecall: KindExecutor<typeof recall> = async (x) => {
  const { data } = x.node;
  const text = await render(data.query, x.scope, 'query');
  const entity = data.scope.entity
    ? (await render(data.scope.entity, x.scope, 'scope.entity')).trim()
    : '';
  const items = await x.services.memory.recall({
    text,
    topK: data.topK,
    threshold: data.threshold,
    kinds: data.scope.kinds,
    tags: data.scope.tags,
    ...(entity ? { entity } : {}),
    by: { runId: x.runId, nodeId: x.node.id },
  });
  x.log({ type: 'memory.recalled', node: x.node.id, query: text, ids: items.map((i) => i.id) });
  return { output: { query: text, items } };
};
