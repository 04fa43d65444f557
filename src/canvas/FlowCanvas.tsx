import type { Edge, Node } from '@xyflow/react';
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { EmptyCanvasHint } from './EmptyCanvasHint.tsx';

const NO_NODES: Node[] = [];
const NO_EDGES: Edge[] = [];

export interface FlowCanvasProps {
  nodes?: Node[];
  edges?: Edge[];
}

/** Centre area: the React Flow canvas the playbook is drawn on. */
export function FlowCanvas({ nodes = NO_NODES, edges = NO_EDGES }: FlowCanvasProps) {
  return (
    <main className="canvas" aria-label="Canvas">
      <ReactFlow nodes={nodes} edges={edges} colorMode="system" fitView>
        <Background gap={20} size={1.5} />
        <Controls position="bottom-left" />
        <MiniMap position="bottom-right" pannable zoomable />
      </ReactFlow>
      {nodes.length === 0 && <EmptyCanvasHint />}
    </main>
  );
}
