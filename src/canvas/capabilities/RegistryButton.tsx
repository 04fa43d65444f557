import { useState } from 'react';
import { Dialog } from '../Dialog.tsx';
import { RegistryView } from './RegistryView.tsx';
import './capabilities.css';

/** The header's Capabilities button: the registry browser over the canvas. */
export function RegistryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Capabilities
      </button>
      <Dialog
        title="Capabilities"
        open={open}
        onClose={() => setOpen(false)}
        className="registry-dialog"
      >
        <RegistryView />
      </Dialog>
    </>
  );
}
