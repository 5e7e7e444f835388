import type { Server } from 'node:http';

/** The bench's minimal node:http server (minimal-server.mjs) on `dbFile` for a recorded workload, not listening yet. */
export function createMinimalServer(dbFile: string, workload: unknown): Server;
