import type { NodeTypes } from '@xyflow/react';
import { nodeKinds } from '../../nodes/index.ts';
import { NodeCard } from './NodeCard.tsx';

/** React Flow's node types, derived from the registry once at module level (never recreated). */
export const nodeTypes: NodeTypes = Object.fromEntries(nodeKinds.map((k) => [k.kind, NodeCard]));
