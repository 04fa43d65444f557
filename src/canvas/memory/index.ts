export { MemoryView } from './MemoryView.tsx';
