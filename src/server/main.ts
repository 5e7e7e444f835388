import { startServer } from './start-server';

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT no válido: ${process.env.PORT}`);
  process.exit(1);
}

const server = await startServer({
  port,
  dbFile: process.env.FOROS_DB ?? './data/foros.sqlite',
  demo: flag(process.env.FOROS_DEMO, true),
  adminPassword: process.env.FOROS_ADMIN_PASSWORD,
  secureCookies: flag(process.env.FOROS_SECURE_COOKIES, false),
  hostname: process.env.HOST ?? '0.0.0.0',
});

if (server.accounts.length > 0) {
  console.log('\nBase de datos nueva: se crearon estas cuentas.');
  for (const account of server.accounts) {
    const shown = account.generated ? account.password : '(la de FOROS_ADMIN_PASSWORD)';
    console.log(`  ${account.username.padEnd(8)} ${account.role.padEnd(9)} contraseña: ${shown}`);
  }
  console.log('Guarde estas contraseñas: no se volverán a mostrar.\n');
}
console.log(`Foros está listo en ${server.url}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
