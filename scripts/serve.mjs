// `npm run serve`: the bundled server (dist-server/) on the built app (dist/), without building.
import { existsSync } from 'node:fs';

const main = new URL('../dist-server/main.mjs', import.meta.url);
if (!existsSync(main)) {
  console.error('Falta el servidor compilado (dist-server/): ejecute "npm run build" o "npm start".');
  process.exit(1);
}
await import(main.href);
