import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from '../../../src/nodes/index.ts';
import { flowJsonSchema } from '../../../src/flow/jsonSchema.ts';

describe('published JSON Schema', () => {
  it('public/schema/flow-v1.json is what the zod schemas generate (run `npm run schema` after changing them)', () => {
    const published: unknown = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', '..', 'public', 'schema', 'flow-v1.json'),
        'utf8',
      ),
    );
    expect(published).toEqual(flowJsonSchema(nodeKinds));
  });

  it("describes each node kind's config under its type", () => {
    const schema = JSON.stringify(flowJsonSchema(nodeKinds));
    for (const kind of nodeKinds) expect(schema).toContain(`"const":"${kind.kind}"`);
  });
});
