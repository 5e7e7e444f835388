import { join } from 'node:path';

/**
 * Where the builds the end-to-end tests use are: `npm test` builds into .test-build/ and says so in FOROS_TEST_BUILD
 * (scripts/test.mjs), so a `npm run build` in the same checkout cannot empty them mid-run; `npm run test:e2e` uses the
 * checkout's own dist/, dist-server/ and dist-demo/.
 */
const root = process.env.FOROS_TEST_BUILD || '.';

/** The built app (vite build). */
export const builtApp = join(root, 'dist');
/** The bundled server, what `npm run serve` runs. */
export const builtServer = join(root, 'dist-server', 'main.mjs');
/** The static demo (npm run build:demo). */
export const builtDemo = join(root, 'dist-demo');
