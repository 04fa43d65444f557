import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  useInternalNode,
  type Edge,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react';
import { memo } from 'react';
import { labelBox, overlaps, type Rect } from './labelRoom.ts';

/** `portLabel`: the label only repeats the output's name, which the source card already shows. */
type LabelledEdgeData = { readonly portLabel?: boolean };
type LabelledEdgeType = Edge<LabelledEdgeData, 'labelled'>;

const rectOf = (node: InternalNode | undefined): Rect | undefined =>
  node?.measured.width && node.measured.height
    ? {
        ...node.internals.positionAbsolute,
        width: node.measured.width,
        height: node.measured.height,
      }
    : undefined;

/**
 * An edge whose label is never drawn under a card. Edges are painted beneath the cards, so on a
 * short edge the label at its middle was hidden by the cards at both ends and showed as a clipped
 * fragment. Where the label fits between them it is drawn there as usual; where it does not, an
 * output's name (already on the source card) is left out, and a label someone wrote is lifted
 * above the cards so it can be read.
 */
const LabelledEdge = memo(function LabelledEdge(props: EdgeProps<LabelledEdgeType>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const source = rectOf(useInternalNode(props.source));
  const target = rectOf(useInternalNode(props.target));
  const text = typeof props.label === 'string' ? props.label : undefined;
  const box = text ? labelBox(labelX, labelY, text) : undefined;
  const covered = box !== undefined && [source, target].some((r) => r && overlaps(box, r));
  const common = {
    id: props.id,
    path,
    markerEnd: props.markerEnd,
    ...(props.style ? { style: props.style } : {}),
    ...(props.interactionWidth !== undefined ? { interactionWidth: props.interactionWidth } : {}),
  };
  if (!text || !covered)
    return <BaseEdge {...common} label={text} labelX={labelX} labelY={labelY} />;
  return (
    <>
      <BaseEdge {...common} />
      {!props.data?.portLabel && (
        <EdgeLabelRenderer>
          <div
            className="edge-label-raised nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** React Flow's edge types, at module level so they are never recreated. */
export const edgeTypes = { labelled: LabelledEdge };
