import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './canvas/theme.css';
import { App } from './canvas/App.tsx';

const container = document.getElementById('root');
if (!container) {
  throw new Error('AIOS Workspace: missing #root element in index.html');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
