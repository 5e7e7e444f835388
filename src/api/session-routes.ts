import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { loginSchema } from '../domain/user';
import { deleteExpiredSessions, deleteSession, findUserByUsername, insertSession } from '../db/user-queries';
import { getLoginAttempts, pruneLoginAttempts, releaseLoginAttempt, saveLoginAttempts } from '../db/login-attempt-queries';
import type { AuditDraft } from '../domain/audit';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, problems } from './openapi-doc';
import { noSessionProblem, organizationDeactivatedMessage, sessionCookie, sessionCookieOptions } from './auth';
import { organizationDeactivated } from '../domain/organization';
import { applyChange, change, requestTime } from './change';
import { firstOrganizationId, forOrganization } from '../db/org-scope';
import { findOrganizationById } from '../db/organization-lookup';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { OrganizationSummary } from '../domain/organization';
import { HttpProblem } from './problem';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from './passwords';
import { current, decideLogin, loginKeys, waitText, workQueue } from './rate-limit';
import { clientAddress } from './request-info';


const loginBody = jsonBody(loginSchema, 'Login');

export const sessionMessages = {
  wrong: 'Usuario o contraseña incorrectos, o la cuenta está desactivada.',
  /** Only to someone whose password was right: an unknown account or a wrong password never learns of it. */
  organizationDeactivated: organizationDeactivatedMessage,
  locked: (wait: string) => `Demasiados intentos fallidos. Espere ${wait} e inténtelo de nuevo.`,
  busy: (wait: string) => `Hay demasiados intentos de inicio de sesión para esta cuenta. Espere ${wait} e inténtelo de nuevo.`,
  serverBusy: 'El servidor está atendiendo muchos inicios de sesión a la vez. Espere unos segundos e inténtelo de nuevo.',
} as const;

/** Password checks waiting their turn before new attempts get 503 (at ~0,1 s each, a few seconds of queue). */
const maxWaitingChecks = 32;

/** The organisation a session's account belongs to, as the app shows it (name, acronym, public slug). */
async function sessionOrganization(root: Kysely<Database>, id: number): Promise<OrganizationSummary | null> {
  const found = await findOrganizationById(root, id);
  return found ? { id: found.id, name: found.name, acronym: found.acronym, slug: found.slug, timeZone: found.timeZone, logo: found.logo } : null;
}

/** Counting a login attempt is a write before anyone is known. */
const anonymous = { id: null, username: '(inicio de sesión)' };

export function sessionRoutes() {
  const app = new Hono<AppEnv>();
  // Unknown and deactivated accounts are checked against this hash, so every attempt costs one PBKDF2 like a real one.
  let dummyHash: Promise<string> | null = null;
  let checks: ReturnType<typeof workQueue> | null = null;

  app.get('/', doc('Sesión actual', { ...ok(200, 'Usuario de la sesión y su organización'), ...problems(401) }), async (c) => {
    const user = c.get('user');
    if (!user) throw noSessionProblem(c, 'No hay una sesión iniciada.');
    return c.json({ user, organization: await sessionOrganization(c.get('deps').rootDb, user.organizationId) });
  });

  app.post('/', doc('Iniciar sesión', { ...ok(200, 'Sesión iniciada'), ...problems(400, 401, 403, 429) }, { security: [] }), loginBody, async (c) => {
    const deps = c.get('deps');
    const limits = deps.loginLimits;
    const input = await loginBody.read(c);
    const username = input.username.toLowerCase();
    const address = clientAddress(c);
    const keys = loginKeys(address, username);
    const nowMs = deps.now().getTime();

    // Checked and counted in one transaction: parallel attempts cannot slip past a limit.
    const decision = await applyChange(deps.rootDb, anonymous, deps.now().toISOString(), async ({ tx }) => {
      const rows = await getLoginAttempts(tx, [keys.address, keys.pair, keys.account]);
      const counters = {
        address: current(rows.get(keys.address), keys.address, nowMs, limits.windowMs),
        pair: current(rows.get(keys.pair), keys.pair, nowMs, limits.windowMs),
        account: current(rows.get(keys.account), keys.account, nowMs, limits.windowMs),
      };
      const decided = decideLogin(limits, nowMs, counters);
      if (decided.kind === 'attempt') {
        await saveLoginAttempts(tx, decided.rows, limits.windowMs);
        await pruneLoginAttempts(tx, nowMs);
      }
      return { result: decided };
    });
    if (decision.kind !== 'attempt') {
      const wait = waitText(decision.retryAfterMs);
      c.header('Retry-After', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
      throw new HttpProblem(429, decision.kind === 'locked' ? sessionMessages.locked(wait) : sessionMessages.busy(wait));
    }
    // Past the account's ceiling the attempt waits its turn (slowed, never locked).
    if (decision.delayMs > 0) await deps.sleep(decision.delayMs);

    // Usernames are unique across the installation: the account is looked up above organisations.
    const user = await findUserByUsername(deps.rootDb, username);
    dummyHash ??= hashPassword(randomToken(), deps.passwordIterations);
    // A deactivated organisation's active account is checked against its own hash: with the right password, the person
    // is told their organisation is deactivated (below) instead of the generic refusal.
    const stored = user?.accountActive ? user.passwordHash : await dummyHash;
    checks ??= workQueue(deps.passwordChecks, maxWaitingChecks, () => new HttpProblem(503, sessionMessages.serverBusy));
    const passwordOk = await checks.run(() => verifyPassword(input.password, stored)).catch((error: unknown) => {
      if (error instanceof HttpProblem && error.status === 503) c.header('Retry-After', '5');
      throw error;
    });
    const now = deps.now();
    const at = now.toISOString();

    if (!user || !user.active || !passwordOk) {
      const reason = !user ? 'cuenta inexistente' : !user.accountActive ? 'cuenta desactivada' : !passwordOk ? 'contraseña incorrecta' : 'organización desactivada';
      const [addressRow, pairRow] = decision.rows;
      // In the name of the account tried (or «(desconocida)»): who was targeted, from where, and any lock it started.
      const who = { id: user?.id ?? null, username: user?.username ?? '(desconocida)' };
      const entries: AuditDraft[] = [{ action: 'login_failed', entity: 'session', entityId: null, changes: [`desde ${address}`, reason] }];
      // The attempt that reaches a limit starts a lock: written once per lock, not once per refused request.
      if (pairRow.failures === limits.perAddressAndAccount) {
        entries.push({ action: 'login_throttled', entity: 'session', entityId: null, changes: [`desde ${address}`, `${pairRow.failures} intentos fallidos para esta cuenta: bloqueada desde esta dirección por ${waitText(limits.windowMs)}`] });
      }
      if (addressRow.failures === limits.perAddress) {
        entries.push({ action: 'login_throttled', entity: 'session', entityId: null, changes: [`desde ${address}`, `${addressRow.failures} intentos fallidos con varias cuentas: dirección bloqueada por ${waitText(limits.windowMs)}`] });
      }
      const accountRow = decision.rows[2];
      if (accountRow.failures === limits.perAccount) {
        entries.push({ action: 'login_throttled', entity: 'session', entityId: null, changes: [`${accountRow.failures} intentos fallidos desde cualquier dirección: intentos espaciados ${waitText(limits.spacingMs)}`] });
      }
      // In the audit log of the account's organisation (an unknown account's attempts: the first organisation's).
      await applyChange(forOrganization(deps.rootDb, user?.organizationId ?? firstOrganizationId), who, at, async () => ({ result: null, audit: entries }));
      if (user?.accountActive && passwordOk) throw new HttpProblem(403, sessionMessages.organizationDeactivated, { type: organizationDeactivated.type });
      throw new HttpProblem(401, sessionMessages.wrong);
    }

    const token = randomToken();
    const expires = new Date(now.getTime() + deps.session.maxMs);
    const tokenHash = await sha256Hex(token);
    const sessionUser = { id: user.id, username: user.username, displayName: user.displayName, role: user.role, organizationId: user.organizationId };
    await applyChange(forOrganization(deps.rootDb, user.organizationId), sessionUser, requestTime(c), async ({ tx }) => {
      await releaseLoginAttempt(tx, keys);
      await deleteExpiredSessions(tx, at);
      await insertSession(tx, tokenHash, user.id, at, expires.toISOString());
      return { result: null, audit: [{ action: 'login', entity: 'session', entityId: null, changes: [`desde ${address}`] }] };
    });
    setCookie(c, sessionCookie, token, sessionCookieOptions(c, expires));
    return c.json({ user: sessionUser, organization: await sessionOrganization(deps.rootDb, user.organizationId) });
  });

  app.delete('/', doc('Cerrar sesión', { ...ok(204, 'Sesión cerrada') }), async (c) => {
    const tokenHash = c.get('sessionTokenHash');
    if (tokenHash && c.get('user')) {
      await change(c, async ({ tx }) => {
        await deleteSession(tx, tokenHash);
        return { result: null, audit: [{ action: 'logout', entity: 'session', entityId: null, changes: [] }] };
      });
    }
    deleteCookie(c, sessionCookie, sessionCookieOptions(c));
    return c.body(null, 204);
  });

  return app;
}
