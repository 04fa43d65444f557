import { z } from 'zod';
import { flowNodeSchema, flowShapeSchema, CURRENT_SCHEMA_VERSION } from './schema.ts';

/**
 * The JSON Schema of flow documents, generated from the zod schemas so the two cannot drift: the
 * document shape plus, per node `type`, that kind's config. Published at `public/schema/flow-v1.json`.
 * Checks that need code (graph rules, expression syntax) are not expressible here; `aios validate` does them.
 */
export function flowJsonSchema(
  kinds: readonly { kind: string; config: z.ZodType }[],
): Record<string, unknown> {
  const variants = kinds.map((k) =>
    flowNodeSchema.extend({ type: z.literal(k.kind), data: k.config }),
  );
  const [first, ...rest] = variants;
  const node = first ? (rest.length > 0 ? z.union([first, ...rest]) : first) : flowNodeSchema;
  const document = flowShapeSchema.extend({ nodes: z.array(node) });
  const schema = z.toJSONSchema(document, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return {
    ...schema,
    $id: `https://aios.workspace/schema/flow-v${CURRENT_SCHEMA_VERSION}.json`,
    title: `AIOS Workspace flow document, version ${CURRENT_SCHEMA_VERSION}`,
  };
}
