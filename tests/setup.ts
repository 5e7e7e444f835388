import '@testing-library/jest-dom/vitest';
import { cleanup, configure, getConfig } from '@testing-library/react';
import SelectorParser from 'happy-dom/lib/query-selector/SelectorParser.js';
import HappyNode from 'happy-dom/lib/nodes/node/Node.js';
import * as HappySymbol from 'happy-dom/lib/PropertySymbol.js';
import * as React from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setDisplayTimeZone } from '../src/client/lib/format';
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

// A query that finds nothing throws an error carrying a dump of the whole document (prettyDOM). Inside findBy*/waitFor
// that error is thrown on every poll and thrown away, and the final one gets the document's dump again when the wait
// times out (waitFor's onTimeout): so, while waitFor polls (Testing Library marks that time), the error skips the
// dump. A failing wait still reports the query's message with the document as it was when the wait gave up, and a
// plain getBy* outside a wait is unchanged. The dumps were ~7 % of the page tests' CPU.
const { getElementError } = getConfig();
configure({
  getElementError: (message, container) => {
    if (!(getConfig() as { _disableExpensiveErrorDiagnostics?: boolean })._disableExpensiveErrorDiagnostics) return getElementError(message, container);
    const error = new Error(message ?? '');
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

// happy-dom holds a MutationObserver's callback only through a WeakRef: after a full garbage collection the observer
// silently stops reporting. ProseMirror (the report editor) reads typed text through one, so under memory pressure the
// editor showed every letter typed while its document — and the autosave — missed the last ones (the «Usar la
// guardada» flake: the server one keystroke short). A browser keeps an observer alive while a node it observes is;
// so does this: the callback is held strongly from its first registration (tests/client/test-environment.test.tsx).
type MutationListener = Parameters<HappyNode[typeof HappySymbol.observeMutations]>[0];
const observeMutations = HappyNode.prototype[HappySymbol.observeMutations];
HappyNode.prototype[HappySymbol.observeMutations] = function observe(this: HappyNode, listener: MutationListener) {
  const callback = listener.callback.deref();
  if (callback) listener.callback = { deref: () => callback } as WeakRef<typeof callback>;
  return observeMutations.call(this, listener);
};

// happy-dom parses a selector again on every querySelector/matches call (and builds a SyntaxError each time, in case);
// Testing Library's role and label queries ask the same few selectors of every element, thousands of times a test.
// A parsed selector depends on its text, whether errors are ignored, its document (`:root`) and — only through
// `:scope` — the element it was asked of: selectors without `:scope` are kept per document. Parsed items are never
// changed afterwards; `matches` reverses a group's array in place, so each call gets fresh arrays.
type SelectorGroups = ReturnType<SelectorParser['getSelectorGroups']>;
const parse = SelectorParser.prototype.getSelectorGroups;
const parsed = new WeakMap<object, Map<string, SelectorGroups>>();
SelectorParser.prototype.getSelectorGroups = function getSelectorGroups(this: SelectorParser, selector: string): SelectorGroups {
  const { scope, ignoreErrors } = this as unknown as { scope: Node | null; ignoreErrors: boolean };
  const document = scope?.ownerDocument ?? scope;
  if (!document || selector.includes(':scope')) return parse.call(this, selector);
  let byText = parsed.get(document);
  if (!byText) parsed.set(document, (byText = new Map()));
  const key = `${ignoreErrors ? 1 : 0}${selector}`;
  let groups = byText.get(key);
  if (!groups) {
    groups = parse.call(this, selector);
    byText.set(key, groups);
  }
  return groups.map((group) => [...group]);
};

// The page test files of a worker share one window and one module graph (isolate: false): every test starts as a
// fresh tab would, and leaves nothing behind — no mounted page, no mock server still answering, no fake clock.
beforeEach(() => {
  // The times a page shows follow the last session's organisation (a fresh tab: Bogotá until a session says).
  setDisplayTimeZone(null);
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
