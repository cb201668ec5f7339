import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startApp } from './App';
import { applyCachedTheme } from './state/theme';
import './styles.css';

// The first rows wait on the first requests: send them before anything else
// (the cached theme's first storage read alone can take 100 ms in a new profile).
const start = startApp();
applyCachedTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App start={start} />
  </StrictMode>,
);
