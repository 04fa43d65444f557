import type { ChangeEvent } from 'react';
import type { MemoryService } from './service.ts';

/**
 * "Restore…": picks a backup file and replaces the memory with it, with progress in the status
 * bar; `onRestored` hears the file's name once it is in.
 */
export function RestoreButton({
  service,
  label = 'Restore…',
  onRestored,
}: {
  service: MemoryService;
  label?: string;
  onRestored?: (file: string) => void;
}) {
  const restore = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const restored = await service.act(async (m) => {
      await m.restore(file, (p) => service.progressOf({ label: `Restoring ${file.name}`, ...p }));
      return true;
    });
    service.progressOf(null);
    if (restored) onRestored?.(file.name);
  };
  return (
    <label className="button-small file-button">
      {label}
      <input
        type="file"
        accept=".json,application/json"
        aria-label={label === 'Restore…' ? 'Restore backup' : label}
        onChange={(e) => void restore(e)}
      />
    </label>
  );
}
