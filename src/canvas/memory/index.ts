export { MemoryView } from './MemoryView.tsx';
export { MemoryService, memoryService } from './service.ts';
