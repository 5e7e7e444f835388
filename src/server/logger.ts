import { pino } from 'pino';
import type { ApiLogger } from '../api/deps';

/**
 * The server's log: one JSON line per event (pino), on standard output. What the API logs per request is its id,
 * method, route pattern, status and duration; never a body, a cookie, a query string or an address.
 */
export function createLogger(level = process.env.FOROS_LOG_LEVEL ?? 'info'): ApiLogger & { level: string } {
  // Written asynchronously: lines logged while a write is under way go out together in the next one, instead of one
  // write(2) per request on the event loop (≈ 4% of a busy server's CPU). pino writes what is left when the process
  // exits (also after an uncaught error); only a kill -9 can lose the last lines.
  return pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ dest: 1, sync: false }),
  );
}
