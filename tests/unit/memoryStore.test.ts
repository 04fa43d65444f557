import { MemoryStore } from '../../src/engine/memoryStore.ts';
import { runStoreContract } from './runStore.contract.ts';

runStoreContract('MemoryStore', () => new MemoryStore());
