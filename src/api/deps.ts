import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../domain/user';
import type { RasterizeSvg } from '../export/rasterize';
import type { RenderReportPdf } from '../export/pdf';
import type { ChartImages } from './chart-images';
import type { LoginLimits } from './rate-limit';

/** How a request reached the server: the socket's address and whether it was TLS. */
export interface ConnectionInfo {
  remoteAddress?: string;
  encrypted?: boolean;
}

/** One line per event (pino's signature): an object of fields and a short message. Never passwords, cookies or personal data. */
export interface ApiLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SessionLimits {
  /** A session ends after this long without a request (default 8 h). */
  idleMs: number;
  /** …and this long after login, whatever the activity (default 24 h). */
  maxMs: number;
}

export interface ApiDeps {
  db: Kysely<Database>;
  /** The clock, injected so tests and the browser mock control time. */
  now?: () => Date;
  /** PBKDF2 iterations for new password hashes (lower in tests). */
  passwordIterations?: number;
  /** Always marks the cookie Secure (FOROS_SECURE_COOKIES); it is Secure anyway when the request came over HTTPS. */
  secureCookies?: boolean;
  /** Login throttling (per address + account, per address, per account); defaults in rate-limit.ts. */
  loginLimits?: Partial<LoginLimits>;
  /** Idle timeout and absolute lifetime of a session. */
  session?: Partial<SessionLimits>;
  /** The socket's address and TLS state, from the server that runs the app (Node passes the socket's; default: none). */
  connection?: (c: Context) => ConnectionInfo;
  /** FOROS_TRUST_PROXY: trust X-Forwarded-For / -Proto / -Host set by one reverse proxy in front. */
  trustProxy?: boolean;
  /** Structured log lines (pino on the server); default: unexpected errors on the console, nothing else. */
  logger?: ApiLogger;
  /** Password checks (PBKDF2) run at once; more wait their turn (default 1: a login flood keeps its hands off the other cores). */
  passwordChecks?: number;
  /** Waits (the login slow-down); injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Lets other requests run between chunks of long work (a big import); default: a macrotask. */
  yieldToOthers?: () => Promise<void>;
  /** SVG → PNG for the charts of the Word export (resvg-wasm; loaded by the server, the browser mock or tests). Without it the export route answers 503. */
  rasterizeSvg?: RasterizeSvg;
  /**
   * The charts' PNGs kept in the database and drawn in the background after a metrics change (chart-images.ts,
   * `createChartImages`); the Node server's. Without it every export draws through `rasterizeSvg` alone, and nothing
   * is warmed (the browser mock).
   */
  chartImages?: ChartImages;
  /**
   * The report's document model → PDF bytes (src/export/pdf.ts with pdfkit and the DejaVu fonts, loaded by the Node
   * server and tests). Without it the PDF routes answer 503 (the browser mock and the static demo).
   */
  renderReportPdf?: RenderReportPdf;
  /** HMAC key of the citizen vote's cookie and form token (FOROS_VOTE_SECRET); default: random per start. */
  voteSecret?: string;
  /** The public forms' minimum time-to-submit in ms (vote, question, evaluation; default 3 000). End-to-end tests set 0 instead of waiting. */
  publicFormMinMs?: number;
  /** Writes (POST, PUT, PATCH, DELETE) per minute per account, or per address without a session (default 600; benches that time writes raise it). */
  writesPerMinute?: number;
  /**
   * Reads (GET, HEAD, OPTIONS) of the staff API per minute per account, or per address without a session (default
   * 1 200: a page asks for a handful; the public pages have their own limits). Counted in the database in blocks
   * (`leasedLimiter`); benches that time reads raise it.
   */
  readsPerMinute?: number;
  /**
   * Middleware that runs first on every API request, before the API's own: the Node server's connection handling
   * and security headers, so that it can hand /api requests to this app directly instead of through a second one.
   */
  first?: MiddlewareHandler[];
}

export interface ResolvedDeps {
  /**
   * The request's organisation's database (org-scope.ts): every query through it reads and writes only that
   * organisation's rows. A logged-in person's organisation; the public routes' organisation (by slug; the first
   * organisation on the older addresses without one); the first organisation before anyone is known.
   */
  db: Kysely<Database>;
  /**
   * The installation's database, unscoped: only for what is above organisations — sessions and login, the health
   * check, the rate counters, the system administrator's organisation routes, the public slug lookup.
   */
  rootDb: Kysely<Database>;
  now: () => Date;
  /** The request's organisation's IANA time zone (the same organisation as `db`; default America/Bogota). */
  timeZone: string;
  /** Today's date (YYYY-MM-DD) in the request's organisation's time zone, by the injected clock: every route's "today". */
  today: () => string;
  passwordIterations: number;
  secureCookies: boolean;
  loginLimits: LoginLimits;
  session: SessionLimits;
  connection: (c: Context) => ConnectionInfo;
  trustProxy: boolean;
  logger: ApiLogger;
  passwordChecks: number;
  sleep: (ms: number) => Promise<void>;
  yieldToOthers: () => Promise<void>;
  rasterizeSvg: RasterizeSvg | null;
  chartImages: ChartImages | null;
  renderReportPdf: RenderReportPdf | null;
  voteSecret: string;
  publicFormMinMs: number;
  writesPerMinute: number;
  readsPerMinute: number;
}

export type AppEnv = {
  Variables: {
    deps: ResolvedDeps;
    user: SessionUser | null;
    /** The public routes' organisation slug (/api/public/o/:slug/…), null on the addresses without one (the first organisation). */
    publicSlug: string | null;
    sessionTokenHash: string | null;
    /** Why a session cookie did not log anyone in when it is worth saying (its organisation was deactivated); null otherwise. */
    sessionRefusal: string | null;
    /** The logged-in person's organisation's time zone (from the session's query), for the request's deps. */
    sessionTimeZone: string | null;
    requestId: string;
  };
};
