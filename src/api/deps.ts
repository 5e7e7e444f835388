import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../domain/user';
import type { RasterizeSvg } from '../export/rasterize';

export interface ApiDeps {
  db: Kysely<Database>;
  /** The clock, injected so tests and the browser mock control time. */
  now?: () => Date;
  /** PBKDF2 iterations for new password hashes (lower in tests). */
  passwordIterations?: number;
  /** Sets the cookie's Secure flag (on behind HTTPS). */
  secureCookies?: boolean;
  /** Failed logins allowed per user name and address within the window. */
  loginAttempts?: { max: number; windowMs: number };
  /** SVG → PNG for the charts of the Word export (resvg-wasm; loaded by the server, the browser mock or tests). Without it the export route answers 503. */
  rasterizeSvg?: RasterizeSvg;
}

export interface ResolvedDeps extends Required<Omit<ApiDeps, 'loginAttempts' | 'rasterizeSvg'>> {
  loginAttempts: { max: number; windowMs: number };
  rasterizeSvg: RasterizeSvg | null;
}

export type AppEnv = {
  Variables: {
    deps: ResolvedDeps;
    user: SessionUser | null;
    sessionTokenHash: string | null;
  };
};
