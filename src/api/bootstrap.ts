import type { Kysely } from 'kysely';
import type { Role } from '../domain/user';
import type { Database } from '../db/schema';
import { countUsers, insertUser } from '../db/user-queries';
import { insertForum } from '../db/forum-queries';
import { demoForums2022 } from '../db/demo-2022';
import { writeAudit } from '../db/audit-queries';
import { upsertForumMetrics } from '../db/metrics-queries';
import { demoMetrics2022 } from '../domain/demo-metrics-2022';
import { demoConsultation2022, demoForumTopic2022 } from '../db/demo-consultation-2022';
import { getConsultationTopics, insertConsultation } from '../db/consultation-queries';
import { loadDemoReport2022 } from '../db/demo-report-2022';
import { passwordProblem } from '../domain/password-policy';
import { generatePassword, hashPassword } from './passwords';

/** A password given from outside (FOROS_ADMIN_PASSWORD, the mock's demo password) breaks the policy: the server does not start. */
export class WeakPasswordError extends Error {}

export interface BootstrapOptions {
  adminPassword?: string;
  demo: boolean;
  /** Password for both demo accounts (editora, revisor); generated per account when absent. Mock mode fixes it. */
  demoPassword?: string;
  passwordIterations?: number;
  now?: Date;
}

export interface CreatedAccount {
  username: string;
  role: Role;
  password: string;
  /** True when the password was generated here (and so must be shown once). */
  generated: boolean;
}

/**
 * On an empty database: creates the admin account and, unless `demo` is false, the 2022 demo
 * (its three forums with their livestream metrics, one editor, one reviewer). Does nothing when accounts already exist.
 */
export async function bootstrap(db: Kysely<Database>, options: BootstrapOptions): Promise<CreatedAccount[]> {
  // The same policy as the accounts page: a given password that breaks it stops everything, whether or not it is used now.
  for (const [name, given] of [['FOROS_ADMIN_PASSWORD', options.adminPassword], ['la contraseña de demostración', options.demoPassword]] as const) {
    const problem = given ? await passwordProblem(given, ['admin', 'administración', 'editora', 'revisor', 'foros']) : null;
    if (problem) throw new WeakPasswordError(`${name} no cumple la política de contraseñas: ${problem}`);
  }
  if ((await countUsers(db)) > 0) return [];
  const now = (options.now ?? new Date()).toISOString();
  const accounts: CreatedAccount[] = [
    { username: 'admin', role: 'admin', password: options.adminPassword || generatePassword(), generated: !options.adminPassword },
  ];
  if (options.demo) {
    accounts.push(
      { username: 'editora', role: 'editor', password: options.demoPassword || generatePassword(), generated: !options.demoPassword },
      { username: 'revisor', role: 'reviewer', password: options.demoPassword || generatePassword(), generated: !options.demoPassword },
    );
  }
  const names: Record<string, string> = { admin: 'Administración', editora: 'Editora de demostración', revisor: 'Revisor de demostración' };
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password, options.passwordIterations)));
  await db.transaction().execute(async (tx) => {
    for (const [i, account] of accounts.entries()) {
      await insertUser(tx, { username: account.username, displayName: names[account.username], role: account.role, passwordHash: hashes[i] }, now);
    }
    if (options.demo) {
      // The consultation that chose the three topics (no responses: the report gives none); each forum links back to its topic.
      const consultationId = await insertConsultation(tx, demoConsultation2022, 'demo', now);
      await writeAudit(tx, { at: now, userId: null, username: 'demo', action: 'create', entity: 'consultation', entityId: consultationId, changes: ['Datos de demostración 2022'] });
      const topics = await getConsultationTopics(tx, consultationId);
      for (const [index, forum] of demoForums2022.entries()) {
        const topic = topics[demoForumTopic2022[index]];
        const id = await insertForum(tx, forum, 'demo', now, topic ? { consultationId, topicId: topic.id } : undefined);
        await writeAudit(tx, { at: now, userId: null, username: 'demo', action: 'create', entity: 'forum', entityId: id, changes: ['Datos de demostración 2022'] });
        // The report's livestream figures (typed from Meta's screens: source 'manual'), saved as version 1.
        const metrics = forum.date ? demoMetrics2022[forum.date] : undefined;
        if (metrics) {
          await upsertForumMetrics(tx, id, 0, metrics, [], 'demo', now);
          await writeAudit(tx, { at: now, userId: null, username: 'demo', action: 'create', entity: 'forum_metrics', entityId: id, changes: ['Datos de demostración 2022'] });
        }
      }
      // The seed's report: every section with its text, approved by the demo reviewer.
      await loadDemoReport2022(tx, now);
    }
  });
  return accounts;
}
