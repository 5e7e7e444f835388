import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import * as React from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { closeOpenServers } from './support/render-app';

// React's development build (the one tests run, for act()) records an «owner stack» for every element it creates —
// an Error with its stack trace, kept for the component stacks of its dev-only warnings: a sixth of the page tests'
// CPU, and garbage. Its counter says «over the limit» here, so React uses its shared placeholder stack instead (what
// it does anyway past 10,000 elements between two renders). Nothing a page renders or does changes; a warning's
// component stack is less precise.
const reactInternals = (React as unknown as Record<string, Record<string, unknown> | undefined>).__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
if (reactInternals && 'recentlyCreatedOwnerStacks' in reactInternals) {
  Object.defineProperty(reactInternals, 'recentlyCreatedOwnerStacks', { configurable: true, get: () => Number.MAX_SAFE_INTEGER, set: () => {} });
}

// Page tests render real pages over the real API on a 2-core machine running two test files at once:
// give findBy/waitFor room before calling an element missing (a failure still fails, only later).
configure({ asyncUtilTimeout: 20_000 });

// The page test files of a worker share one window and one module graph (isolate: false): every test starts as a
// fresh tab would, and leaves nothing behind — no mounted page, no mock server still answering, no fake clock.
beforeEach(() => {
  if (typeof window !== 'undefined') {
    window.localStorage.clear();
    window.sessionStorage.clear();
  }
});

afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
  closeOpenServers();
  vi.useRealTimers();
});

// Mantine needs these browser APIs that jsdom lacks.
if (typeof window !== 'undefined') {
  const { getComputedStyle } = window;
  window.getComputedStyle = (elt: Element) => getComputedStyle(elt);
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver = ResizeObserver as unknown as typeof window.ResizeObserver;
  window.HTMLElement.prototype.scrollIntoView = () => {};
}
