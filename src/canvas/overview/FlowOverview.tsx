import { useStore as useFlowStore } from '@xyflow/react';
import { useLayoutEffect, useRef, useState } from 'react';
import { edgeTaken, type NodeRunStatus, type RunView } from '../debug/runView.ts';
import type { Selection } from '../editor/editor.ts';
import { useElementSize } from '../useElementSize.ts';
import type { OverviewScene } from './scene.ts';

const NO_SIZE = { width: 0, height: 0 };

interface Palette {
  readonly groups: ReadonlyMap<string, string>;
  readonly edge: string;
  readonly selected: string;
  /** The outline of a node the watched run reached, by its state there (as on the cards). */
  readonly run: Readonly<Record<NodeRunStatus, string>>;
}

/** Colours come from the theme's CSS variables, so the overview follows light and dark. */
function paletteOf(element: HTMLElement, scene: OverviewScene): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const groups = new Map<string, string>();
  for (const group of scene.byGroup.keys())
    groups.set(group, read(`--group-${group.toLowerCase()}`, read('--color-danger', '#dc2626')));
  const accent = read('--color-accent', '#4f46e5');
  const warning = read('--color-warning', '#b45309');
  return {
    groups,
    edge: read('--color-border-strong', '#9ca3af'),
    selected: accent,
    run: {
      running: accent,
      paused: warning,
      waiting: warning,
      succeeded: read('--color-success', '#15803d'),
      failed: read('--color-danger', '#dc2626'),
    },
  };
}

function draw(
  canvas: HTMLCanvasElement,
  scene: OverviewScene,
  palette: Palette,
  selected: ReadonlySet<string>,
  run: RunView,
  [tx, ty, zoom]: readonly [number, number, number],
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const dpr = window.devicePixelRatio || 1;
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);

  context.beginPath();
  const { lines } = scene;
  for (let i = 0; i < lines.length; i += 4) {
    context.moveTo(lines[i] ?? 0, lines[i + 1] ?? 0);
    context.lineTo(lines[i + 2] ?? 0, lines[i + 3] ?? 0);
  }
  context.lineWidth = 1 / zoom;
  context.strokeStyle = palette.edge;
  context.stroke();

  // The path the watched run took, over the other edges, as the canvas animates it.
  if (run.left.size > 0) {
    context.beginPath();
    scene.lineEdges.forEach((edge, i) => {
      if (!edgeTaken(run, edge)) return;
      context.moveTo(lines[4 * i] ?? 0, lines[4 * i + 1] ?? 0);
      context.lineTo(lines[4 * i + 2] ?? 0, lines[4 * i + 3] ?? 0);
    });
    context.lineWidth = 3 / zoom;
    context.strokeStyle = palette.selected;
    context.stroke();
  }

  context.globalAlpha = 0.6;
  for (const [group, boxes] of scene.byGroup) {
    context.fillStyle = palette.groups.get(group) ?? palette.edge;
    for (const b of boxes) context.fillRect(b.x, b.y, b.width, b.height);
  }
  context.globalAlpha = 1;
  // The watched run: an outline a few pixels wide at any zoom, thicker where it is now.
  for (const [id, state] of run.nodes) {
    const b = scene.byId.get(id);
    if (!b) continue;
    context.lineWidth = (id === run.active ? 8 : 4) / zoom;
    context.strokeStyle = palette.run[state.status];
    context.strokeRect(b.x, b.y, b.width, b.height);
  }
  if (selected.size === 0) return;
  context.lineWidth = 3 / zoom;
  context.fillStyle = palette.selected;
  context.strokeStyle = palette.selected;
  for (const b of scene.boxes) {
    if (!selected.has(b.id)) continue;
    context.fillRect(b.x, b.y, b.width, b.height);
    context.strokeRect(b.x, b.y, b.width, b.height);
  }
}

/**
 * The flow drawn on one canvas, for far zoom on big flows: the cards and edges are not in the DOM
 * then (see `.overview` in cards.css), so panning repaints one bitmap instead of thousands of
 * elements. Pointer events pass through to React Flow's pane.
 */
export function FlowOverview({
  scene,
  selection,
  run,
  colorMode,
}: {
  scene: OverviewScene;
  selection: Selection;
  run: RunView;
  colorMode: 'light' | 'dark';
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useFlowStore((s) => s.transform);
  // Read before the first paint too, so the canvas is never shown blank for a frame.
  const size = useElementSize(canvas) ?? NO_SIZE;
  const [palette, setPalette] = useState<Palette | null>(null);

  useLayoutEffect(() => {
    if (canvas.current) setPalette(paletteOf(canvas.current, scene));
  }, [scene, colorMode]);

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !palette) return;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.round(size.width * dpr);
    const height = Math.round(size.height * dpr);
    if (element.width !== width) element.width = width;
    if (element.height !== height) element.height = height;
    draw(element, scene, palette, selection.nodes, run, transform);
  }, [scene, palette, selection, run, transform, size]);

  return <canvas ref={canvas} className="flow-overview" aria-hidden="true" />;
}
