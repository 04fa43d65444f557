import { useRef } from 'react';
import { useEditor } from './editor/context.ts';
import { documentOf } from './editor/editor.ts';
import { downloadFlow } from './share/exportFlow.ts';
import { RegistryButton } from './capabilities/RegistryButton.tsx';
import { InboxButton } from './inbox/InboxButton.tsx';
import { MemoryButton } from './MemoryButton.tsx';
import { ConnectionsButton } from './connections/ConnectionsButton.tsx';
import { ConnectionsView } from './connections/ConnectionsView.tsx';
import { SecretsDialog } from './secrets/SecretsDialog.tsx';
import { ServerButton } from './server/ServerButton.tsx';
import type { Theme } from './theme.ts';

interface HeaderActionsProps {
  readonly onFlows: () => void;
  /** A flow file picked to import (checked by size before it is read). */
  readonly onImport: (file: File) => void;
  readonly onShare: () => void;
  readonly onHelp: () => void;
  readonly theme: Theme;
  readonly onToggleTheme: () => void;
  /** Opens a run at a step (from a memory's source in the memory view). */
  readonly onOpenRun?: (runId: string, nodeId: string) => void;
}

/** The header's commands: flows, import, export, share, the approvals inbox, capabilities, memory, connections, secrets, the workspace server, theme, help. */
export function HeaderActions(props: HeaderActionsProps) {
  const { store } = useEditor();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" onClick={props.onFlows}>
        Flows
      </button>
      <button type="button" className="button" onClick={() => fileInput.current?.click()}>
        Import
      </button>
      <input
        ref={fileInput}
        type="file"
        // Our flows, and the exports the importers read (Dify's DSL is YAML).
        accept="application/json,.json,.yml,.yaml,application/yaml"
        hidden
        aria-label="Import a flow file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onImport(file);
        }}
      />
      <button
        type="button"
        className="button"
        onClick={() => downloadFlow(documentOf(store.get()))}
      >
        Export
      </button>
      <button type="button" className="button" onClick={props.onShare}>
        Share
      </button>
      <InboxButton />
      <RegistryButton />
      <MemoryButton {...(props.onOpenRun ? { onOpenRun: props.onOpenRun } : {})} />
      <ConnectionsButton />
      <ConnectionsView />
      <SecretsDialog />
      <ServerButton />
      <button
        type="button"
        className="icon-button"
        onClick={props.onToggleTheme}
        aria-label={props.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title="Light or dark theme"
      >
        {props.theme === 'dark' ? '☀' : '☾'}
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={props.onHelp}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </>
  );
}
