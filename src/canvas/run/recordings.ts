import { readBundle, type RunBundle } from '../debug/bundle.ts';

/** The demo runs shipped beside the templates (`npm run demos` records them), by flow id. */
const files = import.meta.glob<string>('../../../examples/recordings/*.aios-run.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export const recordings: ReadonlyMap<string, RunBundle> = new Map(
  Object.values(files).flatMap((text) => {
    const read = readBundle(text);
    // A recording that no longer opens is left out rather than shown broken (a test guards it).
    return read.ok ? [[read.bundle.run.flowId, read.bundle] as const] : [];
  }),
);

/** A recording's run says so in its id; it was made with scripted answers and sent nothing. */
export const isRecording = (runId: string): boolean => runId.startsWith('recording-');
