import { useReactFlow } from '@xyflow/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { FlowIssue } from '../flow/index.ts';
import type { ImportReport as Conversion } from '../import/report.ts';
import { validateFlow } from '../flow/index.ts';
import { browserCatalog, paletteGroups } from '../nodes/index.ts';
import { useEditor, useEditorState } from './editor/context.ts';
import { documentOf } from './editor/editor.ts';
import { groupIssuesByNode } from './editor/issues.ts';
import { useMcpCatalog, withMcp } from './capabilities/mcpCatalog.ts';
import { useStore } from './editor/store.ts';
import { FlowsDialog } from './files/FlowsDialog.tsx';
import { freshFlow } from './files/freshFlow.ts';
import { fromTemplate } from './files/templates.ts';
import { recordings } from './run/recordings.ts';
import { engine } from './run/engine.ts';
import { requestRun } from './run/runRequests.ts';
import type { FlowSession } from './files/session.ts';
import { SaveStatus } from './files/SaveStatus.tsx';
import { FlowCanvas } from './FlowCanvas.tsx';
import { Header } from './Header.tsx';
import { HeaderActions } from './HeaderActions.tsx';
import { Inspector } from './Inspector.tsx';
import { HelpDialog } from './keyboard/HelpDialog.tsx';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { Palette } from './Palette.tsx';
import { PanelResizer } from './PanelResizer.tsx';
import { QuickAdd } from './quickadd/QuickAdd.tsx';
import { ReadOnlyBar } from './ReadOnlyBar.tsx';
import { RunPanel } from './RunPanel.tsx';
import { useWorkerNotices } from './run/useWorkerNotices.ts';
import { importAny, type AnyImport } from './share/importAny.ts';
import { importFile, importShared } from './share/importText.ts';
import { ImportReport } from './share/ImportReport.tsx';
import { readShareFragment, shareLink } from './share/shareLink.ts';
import { ShareDialog } from './share/ShareDialog.tsx';
import { useTheme } from './theme.ts';

type Report = {
  outcome: 'refused' | 'opened';
  issues: readonly FlowIssue[];
  conversion?: Conversion;
} | null;

/** The panels, dialogs and the wiring between the editor, validation and the saved flows. */
export function Workspace({ session }: { session: FlowSession }) {
  const editor = useEditor();
  useWorkerNotices();
  const { store, actions } = editor;
  const reactFlow = useReactFlow();
  const present = useStore(store, (s) => s.history.present);
  const readOnly = useEditorState((s) => s.readOnly);
  // Validation runs behind typing: the deferred flow lags while React has more urgent work.
  const checked = useDeferredValue(present);
  // MCP tools as the worker lists them: an unknown or changed one is flagged on its node.
  const mcp = useMcpCatalog();
  const catalog = useMemo(() => withMcp(browserCatalog, mcp), [mcp]);
  const validation = useMemo(() => validateFlow(checked, catalog), [checked, catalog]);
  useEffect(() => {
    editor.issues.set(groupIssuesByNode(validation.issues, editor.issues.get()));
  }, [editor.issues, validation]);

  const [dialog, setDialog] = useState<'help' | 'flows' | 'quickAdd' | null>(null);
  // A share link in the address is read once, before the first render.
  const [shared] = useState(() => {
    const text = readShareFragment(window.location.hash);
    return window.location.hash.startsWith('#share=') ? importShared(text) : undefined;
  });
  const [report, setReport] = useState<Report>(
    shared && !shared.ok ? { outcome: 'refused', issues: shared.issues } : null,
  );
  const [link, setLink] = useState<string | null>(null);
  const [theme, toggleTheme] = useTheme();

  const openImported = useCallback(
    (result: AnyImport) => {
      if (!result.ok) {
        setReport({ outcome: 'refused', issues: result.issues });
        return;
      }
      // Keep the file's id unless a saved flow already has it: importing twice makes two flows.
      const taken = session.state.get().flows.some((f) => f.id === result.flow.id);
      void session.create(taken ? freshFlow(result.flow) : result.flow);
      // Errors are worth a report (warnings already show as badges); a conversion always is.
      const errors = result.issues.filter((i) => i.severity === 'error');
      const { conversion } = result;
      if (conversion) setReport({ outcome: 'opened', issues: errors, conversion });
      else setReport(errors.length > 0 ? { outcome: 'opened', issues: result.issues } : null);
    },
    [session],
  );
  const importFlow = useCallback(
    (text: string) => void importAny(text).then(openImported),
    [openImported],
  );
  const importFlowFile = useCallback(
    (file: File) => void importFile(file, importAny).then(openImported),
    [openImported],
  );

  useEffect(() => {
    const stop = session.watch();
    if (shared?.ok) session.showReadOnly(shared.flow);
    else void session.boot(() => freshFlow());
    return stop;
  }, [session, shared]);

  const showNode = useCallback(
    (id: string) => {
      setReport(null);
      actions.select({ nodes: new Set([id]), edges: new Set() });
      const node = store.get().history.present.nodes.find((n) => n.id === id);
      if (node)
        void reactFlow.setCenter(node.position.x + 115, node.position.y + 50, {
          duration: 200,
          zoom: 1,
        });
    },
    [actions, reactFlow, store],
  );

  // A memory's source, from the memory view: the run's flow opens (read-only when it is no
  // longer saved), then its run panel opens the run at the step that wrote the memory.
  const openRun = useCallback(
    async (runId: string, nodeId: string) => {
      const found = await engine().api.run({ runId });
      if (!found.ok || !found.value) {
        actions.notify(`The run ${runId} is no longer in this workspace.`, { tone: 'problem' });
        return;
      }
      const run = found.value;
      if (store.get().history.present.id !== run.flowId) {
        const saved = await session.load(run.flowId);
        if (saved.ok) await session.open(run.flowId);
        else session.showReadOnly(run.flow);
      }
      requestRun({ kind: 'run', runId, nodeId });
    },
    [actions, session, store],
  );

  const saveCopy = useCallback(() => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    void session.create(freshFlow(documentOf(store.get())));
  }, [session, store]);

  const openHelp = useCallback(() => setDialog('help'), []);
  const openQuickAdd = useCallback(() => setDialog('quickAdd'), []);
  // The quick-add may open another dialog (help) as it closes: closing must not close that one.
  const closeQuickAdd = useCallback(() => setDialog((d) => (d === 'quickAdd' ? null : d)), []);
  const runCommand = useShortcuts({
    openHelp,
    openQuickAdd,
    pasteText: importFlow,
    flows: session,
  });

  return (
    <div className="workspace">
      <Header status={<SaveStatus session={session} />}>
        <HeaderActions
          onFlows={() => setDialog('flows')}
          onImport={importFlowFile}
          onOpenRun={(runId, nodeId) => void openRun(runId, nodeId)}
          onShare={() => setLink(shareLink(documentOf(store.get()), window.location.href))}
          onHelp={openHelp}
          theme={theme}
          onToggleTheme={toggleTheme}
        />
      </Header>
      <Palette groups={paletteGroups} />
      <FlowCanvas
        colorMode={theme}
        onDropFile={importFlowFile}
        onQuickAdd={openQuickAdd}
        onTemplate={(t) => void session.create(fromTemplate(t))}
        onDemo={(t) => {
          const recording = recordings.get(t.id);
          void session
            .create(fromTemplate(t))
            .then(() => recording && requestRun({ kind: 'recording', bundle: recording }));
        }}
      />
      {readOnly && <ReadOnlyBar onSaveCopy={saveCopy} />}
      <Inspector session={session} onGroup={() => runCommand('groupSubflow')} />
      <RunPanel flow={validation.ok ? validation.flow : null} />
      <PanelResizer />
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
      <QuickAdd open={dialog === 'quickAdd'} onClose={closeQuickAdd} onCommand={runCommand} />
      <FlowsDialog
        session={session}
        open={dialog === 'flows'}
        onClose={() => setDialog(null)}
        fresh={freshFlow}
      />
      <ImportReport report={report} onClose={() => setReport(null)} onShowNode={showNode} />
      <ShareDialog link={link} onClose={() => setLink(null)} />
    </div>
  );
}
