import { z } from 'zod';

/**
 * How an editor draws a value beyond what its type says, declared beside the schema that holds
 * it, so the inspector never checks kind or field names. `code`: an editor for that language;
 * `multiline`: a text area; `capability`: a capability id, offered from the catalog; `flow`: the
 * id of a saved flow, chosen by name.
 */
type Widget =
  | { readonly widget: 'code'; readonly language: 'template' | 'expression' | 'javascript' }
  | { readonly widget: 'multiline' }
  | { readonly widget: 'capability' }
  | { readonly widget: 'flow' };

/** Schemas' widgets, keyed by the schema instance (wrappers such as `.default()` are looked through). */
export const widgets = z.registry<Widget>();

/**
 * Declares how `schema` is drawn; returns the same schema.
 * @example const notes = withWidget(z.string().max(4_000), { widget: 'multiline' }).optional();
 */
export function withWidget<S extends z.ZodType>(schema: S, widget: Widget): S {
  widgets.add(schema, widget);
  return schema;
}
