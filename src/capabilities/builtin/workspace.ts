import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { emailPreview } from '../preview.ts';

// Capabilities that act inside the workspace rather than on a remote service.

const email = z.string().email().max(320);

export const emailDraft = defineCapability({
  id: 'email.draft',
  title: 'Draft an email',
  description: 'Keeps an email as a draft for review, or opens it in your mail app.',
  sideEffect: 'read',
  input: z.object({ to: email, subject: z.string().max(500), body: z.string().max(100_000) }),
  output: z.object({ draftId: z.string(), mailto: z.string() }),
  idempotency: 'naturally-idempotent',
  retryOn: [],
  call: (input, { key }) =>
    Promise.resolve({
      draftId: key,
      mailto: `mailto:${encodeURIComponent(input.to)}?subject=${encodeURIComponent(input.subject)}&body=${encodeURIComponent(input.body)}`,
    }),
  preview: emailPreview,
});

export const memoryRemember = defineCapability({
  id: 'memory.remember',
  title: 'Remember',
  description: 'Stores a memory in this workspace.',
  sideEffect: 'write',
  input: z.object({
    text: z.string(),
    entities: z.array(z.string()).default([]),
    tags: z.array(z.string()).default([]),
  }),
  output: z.object({ memoryId: z.string() }),
  idempotency: 'naturally-idempotent',
  retryOn: [],
  async call(input, { key, x }) {
    const saved = await x.services.memory.remember({
      id: key,
      text: input.text,
      kind: 'note',
      entities: input.entities,
      tags: input.tags,
      source: { runId: x.runId, nodeId: x.node.id },
    });
    return { memoryId: saved.id };
  },
});

export const memoryRecall = defineCapability({
  id: 'memory.recall',
  title: 'Recall',
  description: "Searches this workspace's memory.",
  sideEffect: 'read',
  input: z.object({ query: z.string(), topK: z.number().int().positive().default(5) }),
  output: z.object({
    items: z.array(z.object({ id: z.string(), text: z.string(), score: z.number() })),
  }),
  idempotency: 'naturally-idempotent',
  retryOn: [],
  async call(input, { x }) {
    const items = await x.services.memory.recall({
      text: input.query,
      topK: input.topK,
      threshold: 0,
      kinds: [],
      tags: [],
    });
    return { items: items.map(({ id, text, score }) => ({ id, text, score })) };
  },
});

export const notify = defineCapability({
  id: 'notify',
  title: 'Notify me',
  description: 'Shows a browser notification.',
  sideEffect: 'read',
  input: z.object({ title: z.string().max(200), body: z.string().max(2_000).default('') }),
  output: z.object({ shown: z.boolean() }),
  idempotency: 'naturally-idempotent',
  retryOn: [],
  call: async (input, { x }) => ({
    shown: (await x.services.notify?.(input.title, input.body)) ?? false,
  }),
});

export const fileExport = defineCapability({
  id: 'file.export',
  title: 'Export a file',
  description: 'Offers a file for download.',
  sideEffect: 'read',
  input: z.object({
    name: z.string().max(200),
    mime: z.string().default('text/plain'),
    content: z.string(),
  }),
  output: z.object({ name: z.string(), bytes: z.number() }),
  idempotency: 'naturally-idempotent',
  retryOn: [],
  call: (input) =>
    Promise.resolve({ name: input.name, bytes: new TextEncoder().encode(input.content).length }),
});
