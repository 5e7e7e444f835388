import { builtinEnvironments, type Environment } from 'vitest/runtime';

/**
 * The page tests' environment: happy-dom (a DOM several times cheaper to set up and to run than jsdom), with
 * Node's own Fetch API kept. Pages talk to the real API through msw, which intercepts Node's fetch, and the API
 * (Hono) reads Node's Request/Response/Headers; happy-dom's copies of them are for its own network layer, which
 * these tests do not use. Node's Blob too: a Blob the page sends as a request body (the metrics import's file) must be
 * one Node's fetch can read.
 */
const kept = ['fetch', 'Request', 'Response', 'Headers', 'Blob', 'AbortController', 'AbortSignal', 'FormData', 'URL', 'URLSearchParams'] as const;

const happyDom = builtinEnvironments['happy-dom'];

export default {
  name: 'happy-dom-node-fetch',
  viteEnvironment: 'client',
  async setup(global, options) {
    const node = new Map(kept.map((key) => [key, global[key] as unknown]));
    const environment = await happyDom.setup(global, options);
    for (const [key, value] of node) global[key] = value;
    return {
      async teardown(global) {
        await environment.teardown(global);
      },
    };
  },
} satisfies Environment;
