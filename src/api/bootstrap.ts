import type { Kysely } from 'kysely';
import type { Role } from '../domain/user';
import type { Database } from '../db/schema';
import { countUsers, insertUser } from '../db/user-queries';
import { insertForum } from '../db/forum-queries';
import { demoForums2022 } from '../db/demo-2022';
import { upsertForumMetrics } from '../db/metrics-queries';
import { demoMetrics2022 } from '../domain/demo-metrics-2022';
import { demoConsultation2022, demoForumTopic2022, demoResponses2022 } from '../db/demo-consultation-2022';
import { getConsultationTopics, insertConsultation, insertResponses } from '../db/consultation-queries';
import { loadDemoReport2022 } from '../db/demo-report-2022';
import { loadDemoAccountability2022 } from '../db/demo-accountability-2022';
import { savePublication } from '../db/publication-queries';
import { defaultPublicationSettings } from '../domain/publication';
import { publishReport } from './publication-routes';
import { firstOrganizationId, forOrganization, unscoped } from '../db/org-scope';

const demoOrganization = { name: 'Instituto Distrital para la Protección de la Niñez y la Juventud', acronym: 'IDIPRON', slug: 'idipron' };
const demoPublicationEntity = 'Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON';
const demoPrivacyNotice =
  'Estas páginas no piden datos personales. Si en el futuro usted deja su nombre o un contacto con una pregunta, la entidad los tratará según la Ley 1581 de 2012 y su política de tratamiento de datos, solo para responderle. (Aviso de demostración.)';
import type { AuditDraft } from '../domain/audit';
import { applyChange } from './change';
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
  /**
   * With the demo: illustrative commitments, follow-ups and evaluation responses (the 2022 seed has none), marked as
   * examples, so the commitments and evaluation pages are not empty. The server (FOROS_DEMO_EXAMPLES, default on) and
   * the static demo ask for them; the tests' demo leaves them out.
   */
  examples?: boolean;
}

export interface CreatedAccount {
  username: string;
  role: Role;
  password: string;
  /** True when the password was generated here (and so must be shown once). */
  generated: boolean;
}

/**
 * On an empty database: creates the first account — `admin`, the system administrator (issue 15), who manages the
 * organisations and is the first organisation's administrator — and, unless `demo` is false, the 2022 demo
 * (its three forums with their livestream metrics, one editor, one reviewer). Does nothing when accounts already exist.
 */
export async function bootstrap(db: Kysely<Database>, options: BootstrapOptions): Promise<CreatedAccount[]> {
  // The given passwords are used only now, on an empty database: a later start has nothing to check (and does not pay
  // for loading the password estimator's dictionaries, most of a cold start's CPU).
  if ((await countUsers(db)) > 0) return [];
  // The same policy as the accounts page: a given password that breaks it stops everything.
  for (const [name, given] of [['FOROS_ADMIN_PASSWORD', options.adminPassword], ['la contraseña de demostración', options.demoPassword]] as const) {
    const problem = given ? await passwordProblem(given, ['admin', 'administración', 'editora', 'revisor', 'foros']) : null;
    if (problem) throw new WeakPasswordError(`${name} no cumple la política de contraseñas: ${problem}`);
  }
  // The bootstrap's admin and the demo belong to the first organisation (migration 0024 made it).
  const root = db;
  db = forOrganization(root, firstOrganizationId);
  const now = (options.now ?? new Date()).toISOString();
  const accounts: CreatedAccount[] = [
    { username: 'admin', role: 'sysadmin', password: options.adminPassword || generatePassword(), generated: !options.adminPassword },
  ];
  if (options.demo) {
    accounts.push(
      { username: 'editora', role: 'editor', password: options.demoPassword || generatePassword(), generated: !options.demoPassword },
      { username: 'revisor', role: 'reviewer', password: options.demoPassword || generatePassword(), generated: !options.demoPassword },
    );
  }
  const names: Record<string, string> = { admin: 'Administración', editora: 'Editora de demostración', revisor: 'Revisor de demostración' };
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password, options.passwordIterations)));
  // Through the write path like any change, in the name of `demo` (no account).
  const created = await applyChange(db, { id: null, username: 'demo' }, now, async ({ tx, today }) => {
    // Again under the write lock: two processes starting together on a new database both saw no account above;
    // the second to get here finds the first one's and leaves everything as it is.
    if ((await countUsers(unscoped(tx))) > 0) return { result: false };
    for (const [i, account] of accounts.entries()) {
      await insertUser(tx, { username: account.username, displayName: names[account.username], role: account.role, passwordHash: hashes[i] }, now);
    }
    if (!options.demo) return { result: true };
    // The demo's organisation is the entity of its data (the public pages' address /participa/idipron/2022).
    await tx.updateTable('organizations').set({ name: demoOrganization.name, acronym: demoOrganization.acronym, slug: demoOrganization.slug }).where('id', '=', firstOrganizationId).execute();
    const loaded = ['Datos de demostración 2022'];
    // The consultation that chose the three topics, with illustrative responses (the report gives no tally; its
    // note says so); each forum links back to its topic.
    const consultationId = await insertConsultation(tx, demoConsultation2022, 'demo', now);
    const topics = await getConsultationTopics(tx, consultationId);
    const responses = demoResponses2022(topics.map((t) => t.id));
    await insertResponses(tx, consultationId, responses, 'manual', 'demo', now);
    const audit: AuditDraft[] = [{ action: 'create', entity: 'consultation', entityId: consultationId, changes: [...loaded, `${responses.length} respuestas ilustrativas`] }];
    const forumIds: number[] = [];
    for (const [index, forum] of demoForums2022.entries()) {
      const topic = topics[demoForumTopic2022[index]];
      const id = await insertForum(tx, forum, 'demo', now, topic ? { consultationId, topicId: topic.id } : undefined);
      forumIds.push(id);
      audit.push({ action: 'create', entity: 'forum', entityId: id, changes: loaded });
      // The report's livestream figures (typed from Meta's screens: source 'manual'), saved as version 1.
      const metrics = forum.date ? demoMetrics2022[forum.date] : undefined;
      if (metrics) {
        await upsertForumMetrics(tx, id, 0, metrics, [], 'demo', now);
        audit.push({ action: 'create', entity: 'forum_metrics', entityId: id, changes: loaded });
      }
    }
    // The seed's report: every section with its text, approved by the demo reviewer.
    audit.push(...(await loadDemoReport2022(tx, now)));
    // Published as the example of the public «Participa» pages: calendar, the (closed) consultation, the published
    // answers and the (illustrative) commitments, the approved
    // report frozen as version 1, the open data.
    const settings = { ...defaultPublicationSettings(demoPublicationEntity), show: { calendar: true, consultation: true, report: true, openData: true, questions: true, commitments: true } } as const;
    await savePublication(tx, 2022, 0, { ...settings, show: { ...settings.show }, privacyNotice: demoPrivacyNotice }, 'demo', now);
    audit.push({ action: 'update', entity: 'publication', entityId: 2022, changes: [...loaded, 'publica calendario, consulta, preguntas y respuestas, compromisos, informe y datos abiertos'] });
    const published = await publishReport(tx, 2022, 'demo', now, today);
    audit.push({ action: 'publish', entity: 'report', entityId: 2022, changes: [`versión publicada ${published.number}`, `sha256: ${published.sha256}`, `bytes: ${published.bytes}`] });
    // After publishing: the published snapshot and the seed's figures are the seed's; the published report gets no
    // section for them (a published report stays as it was approved).
    if (options.examples) audit.push(...(await loadDemoAccountability2022(tx, forumIds, now)));
    return { result: true, audit };
  });
  return created ? accounts : [];
}
