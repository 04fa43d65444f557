/**
 * How every "fit the flow to the screen" frames it: with a margin, and counting the nodes the
 * far-zoom overview hides from React Flow (they are still the flow).
 */
export const FIT_VIEW = { padding: 0.2, includeHiddenNodes: true } as const;
