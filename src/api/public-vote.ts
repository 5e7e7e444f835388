import type { Kysely } from 'kysely';
import { z } from 'zod';
import { todayIn } from '../domain/zoned-date';
import { text, validationMessages } from '../domain/common';
import { consultationLimits, validateResponse, type ResponseInput } from '../domain/consultation';
import { insertResponses, publicConsultationOfYear } from '../db/consultation-queries';
import { getPublication } from '../db/publication-queries';
import type { Database } from '../db/schema';
import { applyChange } from './change';

/**
 * The citizen's vote in the consultation (issue 14, «Participa»): topics chosen and/or one proposed, the value
 * group, optionally the locality. It is stored as a consultation response of channel «Formulario web Foros», so
 * it counts in the same tally as the imported ones. No personal data.
 *
 * Abuse: one vote per browser per consultation (an HMAC-signed cookie; a forged one is refused), a limit per
 * address (the routes), a honeypot field and a minimum time-to-submit (a signed timestamp the form carries).
 * Every refusal is a code with a Spanish message; nothing is stored then.
 */

/**
 * `perAddress`: votes from one address — 30 at once (a family, a class, an office behind one NAT voting together),
 * then one every 20 s (3 a minute, 180 an hour) for as long as they keep coming; a quiet address gets its 30 back
 * at that pace. Smooth (public-limit.ts `hitSmoothLimit`), so no window edge lets twice the limit through. See the
 * README (Participa, «Límite por dirección») for why these numbers.
 */
export const voteLimits = { minSubmitMs: 3_000, maxFormAgeMs: 6 * 3600_000, locality: 120, perAddress: { burst: 30, intervalMs: 20_000 } } as const;

export const voteMessages = {
  ok: 'Gracias: su voto quedó registrado.',
  unpublished: 'La consulta de esta vigencia no está publicada.',
  closed: 'La consulta está cerrada: ya no recibe votos.',
  twice: 'Desde este navegador ya se votó en esta consulta: solo se cuenta un voto por navegador.',
  forged: 'No se pudo verificar su navegador (la cookie de voto no es válida). Borre las cookies de este sitio e inténtelo de nuevo.',
  honeypot: 'No se pudo registrar el voto: el formulario llegó con un campo que las personas no ven.',
  token: 'El formulario no es válido o caducó. Vuelva a cargar la página e inténtelo de nuevo.',
  fast: 'El formulario se envió demasiado rápido. Revise sus respuestas y envíelo de nuevo.',
  invalid: 'Revise el formulario: elija al menos un tema o proponga uno, y diga su grupo de valor.',
  scripted: 'El texto no puede contener código (etiquetas HTML o scripts).',
  rateLimited: 'Demasiados votos desde su conexión en poco tiempo: se reciben 30 seguidos y luego uno cada 20 segundos. Espere un momento e inténtelo de nuevo.',
} as const;
export type VoteCode = keyof typeof voteMessages;

const scripted = /<\s*\/?\s*[a-z!?]|javascript:|data:text\/html|\bon[a-z]+\s*=/i;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Text a citizen types on a public form: trimmed, bounded, no markup, script or control characters. */
export const citizenText = (max: number, required = false) =>
  text(max, { required })
    .refine((v) => !scripted.test(v), { error: voteMessages.scripted })
    .refine((v) => !controls.test(v), { error: voteMessages.scripted });

export const voteInputSchema = z.object({
  topicIds: z
    .array(z.coerce.number({ error: 'Tema no válido.' }).int({ error: 'Tema no válido.' }).min(1, { error: 'Tema no válido.' }).max(Number.MAX_SAFE_INTEGER, { error: 'Tema no válido.' }))
    .max(consultationLimits.topicIds, { error: validationMessages.tooMany(consultationLimits.topicIds) })
    .default([]),
  proposedTopic: citizenText(consultationLimits.proposedTopic).default(''),
  valueGroupKind: z.enum(['internal', 'external'], { error: 'Diga si usted es parte de la entidad (grupo interno) o no (grupo externo).' }),
  valueGroup: citizenText(consultationLimits.valueGroup, true),
  locality: citizenText(voteLimits.locality).default(''),
  formToken: z.string({ error: voteMessages.token }).max(200, { error: voteMessages.token }),
  website: z.string().max(500).default(''),
});
export type VoteInput = z.infer<typeof voteInputSchema>;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}
/** HMAC-SHA-256 of `data` with `secret`, base64url without padding, through Web Crypto (any runtime). */
export async function webCryptoHmac(secret: string, data: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await keyOf(secret), encoder.encode(data)));
  return btoa(String.fromCharCode(...mac)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
/** The same HMAC computed synchronously, when the runtime gives one (the Node server: node:crypto). */
export type SyncHmac = (secret: string, data: string) => string;
let syncHmac: SyncHmac | null = null;
/**
 * The Node server hands its synchronous HMAC here at start: Web Crypto's sign goes through a job on another thread
 * and cost ≈ 0.4 ms of the event loop per signature under the vote load (bench participa-votos, CPU profile), three
 * signatures per citizen; node:crypto's takes ≈ 0.01 ms. Same results (tested).
 */
export function useSyncHmac(hmac: SyncHmac | null): void {
  syncHmac = hmac;
}
const sign = (secret: string, data: string): Promise<string> => (syncHmac ? Promise.resolve(syncHmac(secret, data)) : webCryptoHmac(secret, data));
/** Constant-time enough for equal-length base64url MACs. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A fresh secret (when the server is given none: votes' cookies then last until a restart). */
export function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The signed time the form was served at (hidden field): `<ms>.<mac>`. */
export async function formToken(secret: string, year: number, now: Date): Promise<string> {
  const at = now.getTime();
  return `${at}.${await sign(secret, `form|${year}|${at}`)}`;
}

/** A public form's bot checks, in order: the honeypot left empty, then the signed stamp (not forged, not too fast). */
export async function botProblem(o: { body: unknown; secret: string; year: number; now: Date; minSubmitMs?: number }): Promise<'honeypot' | 'token' | 'fast' | null> {
  const raw = (o.body ?? {}) as Record<string, unknown>;
  if (typeof raw.website === 'string' && raw.website.trim() !== '') return 'honeypot';
  return formStampProblem(o.secret, o.year, raw.formToken, o.now, o.minSubmitMs ?? voteLimits.minSubmitMs);
}

/**
 * Checks a public form's signed time stamp: 'token' when it is missing, forged or older than 6 h, 'fast' when it
 * was sent sooner than `minSubmitMs` after the page was served (people read before they send); null when fine.
 */
export async function formStampProblem(secret: string, year: number, token: unknown, now: Date, minSubmitMs: number): Promise<'token' | 'fast' | null> {
  const [atText, mac] = (typeof token === 'string' ? token : '').split('.');
  const at = Number(atText);
  if (!mac || !Number.isSafeInteger(at) || !same(mac, await sign(secret, `form|${year}|${at}`))) return 'token';
  const age = now.getTime() - at;
  if (age > voteLimits.maxFormAgeMs || age < -60_000) return 'token';
  if (age < minSubmitMs) return 'fast';
  return null;
}

export const isVotePath = (path: string) => /^\/api\/public\/years\/\d+\/consultation\/votes\/?$/.test(path);

export const voteCookieName = (consultationId: number) => `foros_voto_${consultationId}`;

/** A signed «this browser already did it» mark for `scope` (a cookie's value): `<nonce>.<mac>`. */
export async function browserMark(secret: string, scope: string): Promise<string> {
  const nonce = randomSecret().slice(0, 16);
  return `${nonce}.${await sign(secret, `${scope}|${nonce}`)}`;
}
export async function validBrowserMark(secret: string, scope: string, value: string): Promise<boolean> {
  const [nonce, mac, ...rest] = value.split('.');
  if (!nonce || !mac || rest.length > 0) return false;
  return same(mac, await sign(secret, `${scope}|${nonce}`));
}
const voteCookie = (secret: string, consultationId: number) => browserMark(secret, `vote|${consultationId}`);
const validVoteCookie = (secret: string, consultationId: number, value: string) => validBrowserMark(secret, `vote|${consultationId}`, value);

export type VoteResult =
  | { ok: true; responseId: number; cookie: { name: string; value: string; maxAgeSeconds: number } }
  | { ok: false; status: 400 | 404 | 409; code: VoteCode; message: string; issues?: { path: string; message: string }[] };

const refuse = (status: 400 | 404 | 409, code: VoteCode, issues?: { path: string; message: string }[]): VoteResult => ({ ok: false, status, code, message: voteMessages[code], issues });

/** Checks and stores one vote (through the write path); a refusal stores nothing. */
export async function castVote(db: Kysely<Database>, o: { year: number; body: unknown; cookies: Record<string, string>; secret: string; now: Date; timeZone: string; minSubmitMs?: number }): Promise<VoteResult> {
  const { settings } = await getPublication(db, o.year);
  if (!settings.show.consultation) return refuse(404, 'unpublished');
  const consultation = await publicConsultationOfYear(db, o.year);
  if (!consultation) return refuse(404, 'unpublished');
  if (!settings.consultationOpen || consultation.status !== 'open') return refuse(409, 'closed');
  const cookie = o.cookies[voteCookieName(consultation.id)];
  if (cookie !== undefined) return (await validVoteCookie(o.secret, consultation.id, cookie)) ? refuse(409, 'twice') : refuse(400, 'forged');

  const parsed = voteInputSchema.safeParse(o.body);
  const bot = await botProblem(o);
  if (bot) return refuse(400, bot);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return refuse(400, issues.some((i) => i.message === voteMessages.scripted) ? 'scripted' : 'invalid', issues);
  }
  const vote = parsed.data;
  const date = todayIn(o.timeZone, o.now);
  const response: ResponseInput = {
    valueGroupKind: vote.valueGroupKind,
    valueGroup: vote.valueGroup,
    topicIds: [...new Set(vote.topicIds)],
    proposedTopic: vote.proposedTopic,
    questions: [],
    channel: 'foros',
    date,
    late: date < consultation.openDate || date > consultation.closeDate,
  };
  const issues = validateResponse(response, consultation, { checkStatus: false });
  if (issues.length > 0) return refuse(400, 'invalid', issues);

  const responseId = await voteWriter(db)({ consultationId: consultation.id, response, locality: vote.locality, now: o.now.toISOString() });
  return { ok: true, responseId, cookie: { name: voteCookieName(consultation.id), value: await voteCookie(o.secret, consultation.id), maxAgeSeconds: 400 * 24 * 3600 } };
}

/** A vote checked and ready to store. */
interface VoteToWrite {
  consultationId: number;
  response: ResponseInput;
  locality: string;
  /** When it was cast (its row's created_at: what the burst check reads). */
  now: string;
}

/**
 * Between two commits of votes at least `minMs`, and at least `perCommit` times what the last commit took (a slow
 * disk: the commits stay about a fifth of the time), at most `maxMs`; the votes that arrive meanwhile share the next.
 */
export const voteCommitPacing = { minMs: 10, perCommit: 4, maxMs: 60 } as const;
const voter = { id: null, username: 'participa (voto ciudadano)' } as const;

/** Stores votes through the write path, in one transaction; their ids in order. */
function writeVotes(db: Kysely<Database>, votes: readonly VoteToWrite[]): Promise<number[]> {
  return applyChange(db, voter, votes[votes.length - 1]!.now, async ({ tx, user }) => {
    const ids: number[] = [];
    const audit = [];
    for (const v of votes) {
      const [id] = await insertResponses(tx, v.consultationId, [v.response], 'public', user.username, v.now);
      if (v.locality) await tx.updateTable('consultation_responses').set({ locality: v.locality }).where('id', '=', id).execute();
      ids.push(id);
      audit.push({ action: 'update' as const, entity: 'consultation' as const, entityId: v.consultationId, changes: [`voto ciudadano ${id} (formulario web Foros)`] });
    }
    return { result: ids, audit };
  });
}

const writers = new WeakMap<Kysely<Database>, (vote: VoteToWrite) => Promise<number>>();

/**
 * Group commit of the citizens' votes: a vote is answered only once it is committed (synchronous=FULL: on disk),
 * but the votes that arrive within a short gap after the last commit share one transaction (voteCommitPacing). Each commit
 * waits for the disk (≈ 4 ms here) and, better-sqlite3 being synchronous, blocks the event loop meanwhile: one
 * commit per vote at 200 votes a second kept the server busy 80% of the time on commits alone (bench
 * participa-votos); pacing the commits bounds that. A lone vote is written at once. When a shared
 * transaction fails, each of its votes is tried alone, so one vote's problem is not the others'.
 */
function voteWriter(db: Kysely<Database>): (vote: VoteToWrite) => Promise<number> {
  const existing = writers.get(db);
  if (existing) return existing;
  let queue: { vote: VoteToWrite; resolve: (id: number) => void; reject: (error: unknown) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing = false;
  let lastCommit = Number.NEGATIVE_INFINITY;
  let gap: number = voteCommitPacing.minMs;
  const schedule = () => {
    if (timer !== null || writing || queue.length === 0) return;
    timer = setTimeout(() => void flush(), Math.max(0, lastCommit + gap - performance.now()));
  };
  const flush = async () => {
    timer = null;
    const batch = queue;
    queue = [];
    writing = true;
    const started = performance.now();
    try {
      const ids = await writeVotes(db, batch.map((b) => b.vote));
      batch.forEach((b, i) => b.resolve(ids[i]!));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else
        for (const b of batch) {
          try {
            b.resolve((await writeVotes(db, [b.vote]))[0]!);
          } catch (alone) {
            b.reject(alone);
          }
        }
    } finally {
      lastCommit = performance.now();
      gap = Math.min(voteCommitPacing.maxMs, Math.max(voteCommitPacing.minMs, voteCommitPacing.perCommit * (lastCommit - started)));
      writing = false;
      schedule();
    }
  };
  const write = (vote: VoteToWrite) =>
    new Promise<number>((resolve, reject) => {
      queue.push({ vote, resolve, reject });
      schedule();
    });
  writers.set(db, write);
  return write;
}
