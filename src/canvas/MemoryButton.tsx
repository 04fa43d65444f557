import { useState } from 'react';
import { Dialog } from './Dialog.tsx';
import { MemoryView } from './memory/index.ts';

/** The workspace memory (clients, people, preferences, past outputs), opened over the canvas. */
export function MemoryButton({
  onOpenRun,
}: {
  /** Opens a run at a step: a memory's source. The dialog closes first. */
  onOpenRun?: (runId: string, nodeId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Memory
      </button>
      <Dialog title="Memory" open={open} onClose={() => setOpen(false)} className="memory-dialog">
        <div className="memory-dialog-body">
          <MemoryView
            {...(onOpenRun
              ? {
                  onOpenRun: (runId: string, nodeId: string) => {
                    setOpen(false);
                    onOpenRun(runId, nodeId);
                  },
                }
              : {})}
          />
        </div>
      </Dialog>
    </>
  );
}
