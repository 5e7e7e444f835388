import { pino } from 'pino';
import type { ApiLogger } from '../api/deps';

/**
 * The server's log: one JSON line per event (pino), on standard output. What the API logs per request is its id,
 * method, route pattern, status and duration; never a body, a cookie, a query string or an address.
 */
export function createLogger(level = process.env.FOROS_LOG_LEVEL ?? 'info'): ApiLogger & { level: string } {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });
}
