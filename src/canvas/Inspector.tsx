import { useMemo } from 'react';
import { getKind } from '../nodes/index.ts';
import type { NodeKindDef } from '../nodes/index.ts';
import { useEditor, useEditorState, useNodeIssues } from './editor/context.ts';
import { setNodeData } from './editor/ops.ts';
import { CapabilityAuth } from './inspector/CapabilityAuth.tsx';
import { CapabilityOptions, useCapabilityIds } from './inspector/CapabilityOptions.tsx';
import type { FlowSession } from './files/session.ts';
import { EdgeInspector } from './inspector/EdgeInspector.tsx';
import { FormFields } from './inspector/FieldEditor.tsx';
import { FlowSettings } from './inspector/FlowSettings.tsx';
import { errorsByPath, FormContext } from './inspector/formContext.ts';
import type { FormContextValue } from './inspector/formContext.ts';
import { pathKey, setIn } from './inspector/paths.ts';
import type { Path } from './inspector/paths.ts';
import { formOf } from './inspector/schemaForm.ts';
import { keyParts } from './keyboard/keyLabel.ts';
import { shortcuts } from './keyboard/shortcuts.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The zod issues of a node's config; a refinement that throws is reported, not raised. */
function configIssues(
  kind: NodeKindDef | undefined,
  data: Record<string, unknown> | undefined,
): readonly { path: PropertyKey[]; message: string }[] {
  if (!kind || !data) return [];
  try {
    const parsed = kind.config.safeParse(data);
    return parsed.success ? [] : parsed.error.issues;
  } catch (error) {
    return [{ path: [], message: `could not check this node: ${String(error)}` }];
  }
}

/**
 * Capabilities the node calls itself (a top-level field, not an agent's tool list), whose sign-in
 * is shown under the form. Data that does not parse yet names none.
 */
function directCapabilityRefs(kind: NodeKindDef, data: Record<string, unknown>): string[] {
  const parsed = kind.config.safeParse(data);
  if (!parsed.success) return [];
  const ids = kind.capabilityRefs(parsed.data).filter((r) => r.path.length === 1);
  return [...new Set(ids.map((r) => r.id))];
}

const GROUP_KEYS = keyParts(shortcuts.find((s) => s.command === 'groupSubflow')?.keys[0] ?? '');

interface InspectorProps {
  /** The saved flows, which a Subflow node chooses from and opens. */
  readonly session: Pick<FlowSession, 'state' | 'open'>;
  readonly onGroup: () => void;
}

/** Right sidebar: settings of the selected node, or of the selected edge. */
export function Inspector({ session, onGroup }: InspectorProps) {
  const selection = useEditorState((s) => s.selection);
  const readOnly = useEditorState((s) => s.readOnly);
  const [nodeId] = selection.nodes;
  const [edgeId] = selection.edges;
  let body;
  if (selection.nodes.size > 1) {
    body = (
      <div className="panel-empty">
        <p>
          {selection.nodes.size} nodes selected. Copy, duplicate or delete them together, or group
          them into a subflow: one node that runs them as a flow of their own.
        </p>
        <button type="button" className="button-small" disabled={readOnly} onClick={onGroup}>
          Group into subflow{' '}
          {GROUP_KEYS.map((part) => (
            <kbd key={part}>{part}</kbd>
          ))}
        </button>
      </div>
    );
  } else if (nodeId !== undefined) body = <NodeForm key={nodeId} id={nodeId} session={session} />;
  else if (edgeId !== undefined && selection.edges.size === 1)
    body = <EdgeInspector key={edgeId} id={edgeId} />;
  else body = <FlowSettings />;
  return (
    <aside className="panel inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      {body}
    </aside>
  );
}

function NodeForm({ id, session }: { id: string; session: InspectorProps['session'] }) {
  const { actions } = useEditor();
  const node = useEditorState((s) => s.history.present.nodes.find((n) => n.id === id));
  const readOnly = useEditorState((s) => s.readOnly);
  const capabilities = useCapabilityIds();
  const issues = useNodeIssues(id);
  const kind = node && getKind(node.type);
  const fields = useMemo(() => (kind ? formOf(kind.config) : []), [kind]);
  const data = node?.data;

  const form = useMemo((): FormContextValue => {
    return {
      idPrefix: `node-${id}`,
      errors: errorsByPath(configIssues(kind, data)),
      readOnly,
      capabilities,
      flows: session,
      undo: actions.undo,
      redo: actions.redo,
      change(path: Path, value: unknown) {
        actions.edit(
          (flow) => {
            const current = flow.nodes.find((n) => n.id === id);
            const next = current && setIn(current.data, path, value);
            return isRecord(next) ? setNodeData(flow, id, next) : flow;
          },
          `data:${id}:${pathKey(path)}`,
        );
      },
    };
  }, [actions, capabilities, data, id, kind, readOnly, session]);

  if (!node || !data) return <p className="panel-empty">Select a node to edit it</p>;
  if (!kind) return <p className="panel-empty">Unknown node kind “{node.type}”.</p>;
  const directRefs = directCapabilityRefs(kind, data);
  // Data problems are shown inline next to their field; graph problems (edges, reachability) here.
  const graphIssues = issues.filter((i) => !i.path.includes('.data'));
  return (
    <FormContext.Provider value={form}>
      <div className="inspector-head">
        <span className="node-card-icon" data-group={kind.group} aria-hidden="true">
          {kind.icon}
        </span>
        <div>
          <h3 className="inspector-kind">{kind.title}</h3>
          <p className="inspector-id">id: {id}</p>
        </div>
      </div>
      <p className="inspector-help">{kind.description}</p>
      {graphIssues.length > 0 && (
        <ul className="inspector-issues" aria-label="Problems with this node">
          {graphIssues.map((i) => (
            <li key={`${i.code}${i.path}${i.message}`} data-severity={i.severity}>
              {i.message}
              {i.hint && <span className="issue-hint"> — {i.hint}</span>}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inspector-form"
        aria-label={`${kind.title} settings`}
        onSubmit={(e) => e.preventDefault()}
      >
        <FormFields fields={fields} values={data} />
        {directRefs.map((ref) => (
          <CapabilityAuth key={ref} capabilityId={ref} />
        ))}
      </form>
      <CapabilityOptions id={`${form.idPrefix}-capabilities`} ids={form.capabilities} />
    </FormContext.Provider>
  );
}
