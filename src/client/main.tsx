import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { cspNonce } from './lib/csp-nonce';
import './app/global.css';

// react-remove-scroll (Mantine's modals) writes a <style> element with the nonce it finds here (get-nonce).
(window as Window & { __webpack_nonce__?: string }).__webpack_nonce__ = cspNonce();

async function start() {
  if (import.meta.env.MODE === 'mock') {
    const { startMockWorker } = await import('../../mocks/browser');
    await startMockWorker();
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
