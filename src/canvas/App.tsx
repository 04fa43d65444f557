import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { EditorContext } from './editor/context.ts';
import type { EditorContextValue } from './editor/context.ts';
import { createEditor } from './editor/editor.ts';
import type { IssuesByNode } from './editor/issues.ts';
import { createStore } from './editor/store.ts';
import { freshFlow } from './files/freshFlow.ts';
import { SavedFlowsContext } from './files/savedFlows.ts';
import { FlowSession } from './files/session.ts';
import { applyTheme } from './theme.ts';
import { Workspace } from './Workspace.tsx';
import './nodes/cards.css';
import './inspector/inspector.css';
import './chrome.css';

applyTheme();

/** The app: one editor for the open flow, shared through context, and the session that saves it. */
export function App() {
  const [setup] = useState(() => {
    const { store, actions } = createEditor(freshFlow());
    const editor: EditorContextValue = {
      store,
      actions,
      issues: createStore<IssuesByNode>(new Map()),
    };
    return { editor, session: new FlowSession(store, actions) };
  });
  return (
    <EditorContext.Provider value={setup.editor}>
      <SavedFlowsContext.Provider value={setup.session.state}>
        <ReactFlowProvider>
          <Workspace session={setup.session} />
        </ReactFlowProvider>
      </SavedFlowsContext.Provider>
    </EditorContext.Provider>
  );
}
