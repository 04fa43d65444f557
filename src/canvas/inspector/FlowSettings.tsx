import { useMemo } from 'react';
import { z } from 'zod';
import { metadataSchema, policiesSchema } from '../../flow/index.ts';
import { useEditor, useEditorState } from '../editor/context.ts';
import { CapabilityOptions, useCapabilityIds } from './CapabilityOptions.tsx';
import { FormFields } from './FieldEditor.tsx';
import { errorsByPath, FormContext, type FormContextValue } from './formContext.ts';
import { pathKey, setIn, type Path } from './paths.ts';
import { describeFields } from './schemaForm.ts';

/** The parts of a flow document that belong to the whole playbook and are edited here. */
const settingsSchema = z.strictObject({
  description: z.string().max(10_000).default(''),
  policies: policiesSchema,
  metadata: metadataSchema.pick({ author: true, tags: true }),
});
const fields = describeFields(settingsSchema);
type Settings = z.input<typeof settingsSchema>;

/**
 * The inspector with nothing selected: the playbook's description, its policy rules and budgets,
 * and its author and tags, in the same schema-generated form as a node's settings.
 */
export function FlowSettings() {
  const { actions } = useEditor();
  const readOnly = useEditorState((s) => s.readOnly);
  const description = useEditorState((s) => s.history.present.description);
  const policies = useEditorState((s) => s.history.present.policies);
  const metadata = useEditorState((s) => s.history.present.metadata);
  const capabilities = useCapabilityIds();
  const values: Settings = useMemo(
    () => ({ description, policies, metadata: { author: metadata.author, tags: metadata.tags } }),
    [description, policies, metadata],
  );

  const form = useMemo((): FormContextValue => {
    const parsed = settingsSchema.safeParse(values);
    return {
      idPrefix: 'flow',
      errors: errorsByPath(parsed.success ? [] : parsed.error.issues),
      readOnly,
      capabilities,
      undo: actions.undo,
      redo: actions.redo,
      change(path: Path, value: unknown) {
        const [key] = path;
        if (key !== 'description' && key !== 'policies' && key !== 'metadata') return;
        actions.edit(
          (flow) => ({ ...flow, [key]: setIn(flow[key], path.slice(1), value) }),
          `flow:${pathKey(path)}`,
        );
      },
    };
  }, [actions, capabilities, readOnly, values]);

  return (
    <FormContext.Provider value={form}>
      <h3 className="inspector-kind">Playbook</h3>
      <p className="inspector-help">
        Nothing is selected: these settings belong to the whole playbook. Select a node to edit it.
      </p>
      <form
        className="inspector-form"
        aria-label="Playbook settings"
        onSubmit={(e) => e.preventDefault()}
      >
        <FormFields fields={fields} values={values} />
      </form>
      <CapabilityOptions id={`${form.idPrefix}-capabilities`} ids={form.capabilities} />
    </FormContext.Provider>
  );
}
