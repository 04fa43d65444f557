import { useState } from 'react';
import { paletteGroups } from '../nodes/index.ts';
import { FlowCanvas } from './FlowCanvas.tsx';
import { Header } from './Header.tsx';
import { Inspector } from './Inspector.tsx';
import { Palette } from './Palette.tsx';
import { RunPanel } from './RunPanel.tsx';

const DEFAULT_FLOW_NAME = 'Untitled playbook';

/** The workspace shell: header, palette, canvas, inspector and run panel. */
export function App() {
  const [flowName] = useState(DEFAULT_FLOW_NAME);

  return (
    <div className="workspace">
      <Header flowName={flowName} />
      <Palette groups={paletteGroups} />
      <FlowCanvas />
      <Inspector />
      <RunPanel />
    </div>
  );
}
