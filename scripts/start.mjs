// `npm start`: builds (scripts/build.mjs) only when the sources changed since the last build, then runs the
// bundled server in this same process.
import { isBuildCurrent } from './build-inputs.mjs';

if (isBuildCurrent()) {
  console.log('Sin cambios desde la última compilación: se usa dist/ tal como está.');
} else {
  const { buildAll } = await import('./build.mjs');
  await buildAll();
}
await import('../dist-server/main.mjs');
