import type { Context } from 'hono';
import type { AppEnv } from './deps';

/**
 * Who sent a request and how it arrived. The socket's address and TLS state come from the server that runs the
 * app (`deps.connection`: the Node server reads them from the socket; tests and msw use a default). Forwarded
 * headers count only with `deps.trustProxy` (FOROS_TRUST_PROXY=1: one reverse proxy in front that sets them);
 * otherwise anyone could claim any address or scheme.
 */

/** The last value of a comma-separated forwarded header: the one the trusted proxy itself added. */
function lastForwarded(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.header(name);
  if (!value) return undefined;
  const parts = value.split(',');
  const last = parts[parts.length - 1].trim();
  return last === '' ? undefined : last;
}

/** `::ffff:127.0.0.2` → `127.0.0.2`; anything that is not an address becomes `desconocida`. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'desconocida';
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  return /^[0-9a-fA-F.:]{2,45}$/.test(plain) ? plain.toLowerCase() : 'desconocida';
}

/** The client's address: the socket's, or the trusted proxy's `X-Forwarded-For`. */
export function clientAddress(c: Context<AppEnv>): string {
  const deps = c.get('deps');
  if (deps.trustProxy) {
    const forwarded = lastForwarded(c, 'x-forwarded-for');
    if (forwarded) return normalizeAddress(forwarded);
  }
  return normalizeAddress(deps.connection(c).remoteAddress);
}

/** Whether the request reached us over HTTPS (directly, or at the trusted proxy per `X-Forwarded-Proto`). */
export function isHttps(c: Context<AppEnv>): boolean {
  const deps = c.get('deps');
  if (deps.trustProxy) {
    const proto = lastForwarded(c, 'x-forwarded-proto');
    if (proto) return proto.toLowerCase() === 'https';
  }
  if (deps.connection(c).encrypted) return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** This server's own origin as the browser sees it (scheme, host and port), to compare with `Origin`. */
export function ownOrigin(c: Context<AppEnv>): string | null {
  const deps = c.get('deps');
  const host = (deps.trustProxy ? lastForwarded(c, 'x-forwarded-host') : undefined) ?? c.req.header('host') ?? new URL(c.req.url).host;
  try {
    return new URL(`${isHttps(c) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}
