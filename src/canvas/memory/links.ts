import { createContext, useContext } from 'react';

/** Where the memory view can send a person: the run step a memory came from. */
interface MemoryLinks {
  readonly openRun?: (runId: string, nodeId: string) => void;
}

export const MemoryLinksContext = createContext<MemoryLinks>({});

export const useMemoryLinks = (): MemoryLinks => useContext(MemoryLinksContext);
