import type { Execution } from '../engine/executor.ts';
import { asText } from './builtinCalls.ts';

type LocalCall = (
  input: Record<string, unknown>,
  key: string,
  x: Execution<unknown>,
) => Promise<unknown>;

/** Built-ins that act inside the workspace rather than on a remote API. */
export const localCalls: Readonly<Record<string, LocalCall>> = {
  'memory.remember': async (i, key, x) => {
    const saved = await x.services.memory.remember({
      id: key,
      text: asText(i['text']),
      kind: 'note',
      entities: (i['entities'] as string[] | undefined) ?? [],
      tags: (i['tags'] as string[] | undefined) ?? [],
      source: { runId: x.runId, nodeId: x.node.id },
    });
    return { memoryId: saved.id };
  },
  'memory.recall': async (i, _key, x) => {
    const items = await x.services.memory.recall({
      text: asText(i['query']),
      topK: Number(i['topK'] ?? 5),
      threshold: 0,
      kinds: [],
      tags: [],
    });
    return { items: items.map(({ id, text, score }) => ({ id, text, score })) };
  },
  notify: async (i, _key, x) => ({
    shown: (await x.services.notify?.(asText(i['title']), asText(i['body']))) ?? false,
  }),
  'email.draft': (i, key) => {
    const mailto = `mailto:${encodeURIComponent(asText(i['to']))}?subject=${encodeURIComponent(asText(i['subject']))}&body=${encodeURIComponent(asText(i['body']))}`;
    return Promise.resolve({ draftId: key, mailto });
  },
  'file.export': (i) =>
    Promise.resolve({
      name: asText(i['name']),
      bytes: new TextEncoder().encode(asText(i['content'])).length,
    }),
};
