import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { formatDateTime, formatLongDate, formatShortDate } from '../domain/date-format';
import { commitmentStatusLabels } from '../domain/commitment';
import { forumStatusLabels, platformLabels } from '../domain/forum-labels';
import { publicPagePath, type PublicationSettings } from '../domain/publication';
import type { Database } from '../db/schema';
import { getPublication } from '../db/publication-queries';
import { reportDocumentOf } from '../export/export-data';
import { openDataDictionaryFor, openDataFileName } from '../export/open-data';
import { HttpProblem } from '../api/problem';
import { anyPublic, publicReport, publicYear, type PublicForum, type PublicYear } from '../api/public-read';
import { hitLimit, retryAfterSeconds } from '../api/public-limit';
import { formToken, voteMessages, type VoteCode } from '../api/public-vote';
import { askMessages, type AskCode } from '../api/public-questions';
import { todayIn, zoneOffsetText, zonePlaceName } from '../domain/zoned-date';
import { defaultTimeZone } from '../domain/organization';
import { forumTakesEvaluation, forumTakesQuestions } from '../domain/citizen-question';
import { evaluationQuestions, evaluationQuestionTexts, scoreLabels } from '../domain/evaluation';
import { evaluateMessages, type EvaluateCode } from '../api/public-evaluation';
import { html, isSafeHref, raw, type SafeHtml } from './html';
import { participaCss } from './participa-css';
import { firstOrganizationId, forOrganization } from '../db/org-scope';
import { findOrganizationById, findOrganizationBySlug } from '../db/organization-lookup';
import { logoPath } from '../domain/organization-logo';
import { participaTexts as t } from './participa-texts';
import { reportHtml } from './report-html';

/**
 * The public «Participa» pages, rendered on the server as plain HTML (no JavaScript): /participa (the published
 * years), /participa/:year (strategy, calendar, consultation, report, open data) and /participa/:year/informe
 * (the published report, readable and printable). They read through the same public read model as /api/public
 * (src/api/public-read.ts), so they can show nothing the API would not. No Node-only imports: the Node server
 * mounts this app, and another runtime could.
 *
 * Each answer carries its own Content-Security-Policy: no script at all, the page's one <style> by nonce, and
 * `frame-ancestors` with the origins the office listed for that year (none: 'none').
 */

export interface ParticipaSiteOptions {
  db: Kysely<Database>;
  now?: () => Date;
  /** The client's address, for the per-address rate limit (the server reads the socket / trusted proxy). */
  address: (c: Context) => string;
  /** Page views per address and minute (default 240). */
  maxPerMinute?: number;
  /** The API's vote secret (ApiDeps.voteSecret): signs the form's time stamp. Without it the form is not shown. */
  voteSecret?: string;
}

const yearPattern = /^\d{4}$/;
/** The addresses without a slug (the first organisation's) and those with one (never all digits: a year is). */
const sitePrefixes = ['/participa', '/participa/:slug{[a-z0-9-]*[a-z][a-z0-9-]*}'] as const;

export function pageSecurityPolicy(nonce: string, frameOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' https: data:",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameOrigins.length > 0 ? frameOrigins.join(' ') : "'none'"}`,
  ].join('; ');
}

interface PageOptions {
  title: string;
  description: string;
  body: SafeHtml;
  nonce: string;
  colour: string;
  entity?: { name: string; logoUrl: string };
  year?: number;
  nav?: SafeHtml;
  /** The page's origin: an uploaded logo (a path on this site) becomes the sharing image's full address. */
  origin?: string;
}

/** The sharing image (og:image must be a full address): an https logo address, or the uploaded logo on this origin. */
function sharingImage(o: PageOptions): string | null {
  const url = o.entity?.logoUrl ?? '';
  if (url.startsWith('https://')) return url;
  if (url.startsWith('/') && !url.startsWith('//') && o.origin) return `${o.origin}${url}`;
  return null;
}

function page(o: PageOptions): string {
  const image = sharingImage(o);
  const logo = o.entity?.logoUrl ? html`<img class="logo" src="${o.entity.logoUrl}" alt="${t.logoAlt(o.entity.name)}" height="56">` : '';
  return `<!doctype html>${html`<html lang="es-CO">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<meta name="description" content="${o.description}">
<meta property="og:type" content="website">
<meta property="og:title" content="${o.title}">
<meta property="og:description" content="${o.description}">
<meta property="og:locale" content="es_CO">
${image ? html`<meta property="og:image" content="${image}">` : ''}
<meta name="theme-color" content="${o.colour}">
<style nonce="${o.nonce}">:root{--brand:${o.colour}}${raw(participaCss)}</style>
</head>
<body>
<a class="skip" href="#contenido">${t.skip}</a>
<header class="site-header">
<div class="wrap">${logo}<p class="entity">${o.entity?.name ?? ''}</p><p class="kicker">${t.participa}</p></div>
${o.nav ?? ''}
</header>
<main id="contenido" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="site-footer"><div class="wrap"><p>${t.footer(o.entity?.name ?? '')}</p></div></footer>
</body>
</html>`}`;
}

/**
 * The addresses of one year's pages and public API for the organisation of the page (issue 15): its slug's
 * (/participa/<slug>/<year>, /api/public/o/<slug>/years/<year>), or the older ones without a slug (the first
 * organisation's, so links already shared keep working). Every link and form of a page is built from these.
 */
interface YearLinks {
  page: string;
  api: string;
}
const yearLinks = (year: number, slug: string | null): YearLinks => ({ page: publicPagePath(year, slug), api: slug ? `/api/public/o/${slug}/years/${year}` : `/api/public/years/${year}` });

/** Only a forum still planned can promise what is missing («por definir», «se publicará»); one held or cancelled says it is not there. */
const stillPlanned = (f: PublicForum) => f.status === 'planned';
const timeText = (f: PublicForum, place: string) => (f.time ? t.calendar.timeOf(f.time, place) : stillPlanned(f) ? t.calendar.noTime : t.calendar.noTimeHeld);

/** The form a citizen asks a forum a question with (no JavaScript): folded under a <details>, one per open forum. */
function askForm(f: PublicForum, links: YearLinks, token: string, withNotice: boolean): SafeHtml {
  const a = t.ask;
  const id = (name: string) => `foro-${f.id}-${name}`;
  const personal = withNotice
    ? html`<fieldset><legend>${a.personalLegend}</legend>
<div class="field"><label for="${id('nombre')}">${a.name}</label><input type="text" id="${id('nombre')}" name="name" maxlength="200" autocomplete="name"></div>
<div class="field"><label for="${id('contacto')}">${a.contact}</label><input type="text" id="${id('contacto')}" name="contact" maxlength="200" autocomplete="email"></div>
<div class="choice"><input type="checkbox" id="${id('autorizo')}" name="consent" value="si"><label for="${id('autorizo')}">${a.consent}</label></div>
<p class="note"><a href="${links.page}#privacidad">${a.noticeLink}</a>. ${a.withoutConsent}</p>
<p class="note">${a.minors}</p>
</fieldset>`
    : html`<p class="note">${a.noPersonal}</p>`;
  return html`<details class="ask"><summary>${a.summary(f.title)}</summary>
<form class="vote" method="post" action="${links.api}/questions">
<p class="note">${a.intro}</p>
<input type="hidden" name="forumId" value="${String(f.id)}">
<div class="field"><label for="${id('pregunta')}">${a.text}</label><textarea id="${id('pregunta')}" name="text" rows="4" minlength="10" maxlength="1000" required></textarea></div>
${personal}
<div class="hp"><label for="${id('sitio-web')}">${t.consultation.vote.honeypot}</label><input type="text" id="${id('sitio-web')}" name="website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="formToken" value="${token}">
<p><button type="submit" class="button">${a.submit}</button></p>
</form></details>`;
}

/** The evaluation survey of a forum that happened (no JavaScript): each question a group of five radios. */
function evaluateForm(f: PublicForum, links: YearLinks, token: string): SafeHtml {
  const e = t.evaluate;
  const id = (name: string) => `evaluacion-${f.id}-${name}`;
  return html`<details class="ask"><summary>${e.summary(f.title)}</summary>
<form class="vote" method="post" action="${links.api}/evaluations">
<p class="note">${e.intro}</p>
<input type="hidden" name="forumId" value="${String(f.id)}">
${evaluationQuestions.map(
  (q) => html`<fieldset><legend>${evaluationQuestionTexts[q]}</legend>
${scoreLabels.map((label, i) => html`<div class="choice"><input type="radio" id="${id(`${q}-${i + 1}`)}" name="${q}" value="${String(i + 1)}"><label for="${id(`${q}-${i + 1}`)}">${`${i + 1} — ${label}`}</label></div>`)}
</fieldset>`,
)}
<div class="field"><label for="${id('comentario')}">${e.comment}</label><textarea id="${id('comentario')}" name="comment" rows="3" maxlength="2000"></textarea></div>
<div class="field"><label for="${id('grupo')}">${e.valueGroup}</label><input type="text" id="${id('grupo')}" name="valueGroup" maxlength="200"></div>
<div class="hp"><label for="${id('sitio-web')}">${t.consultation.vote.honeypot}</label><input type="text" id="${id('sitio-web')}" name="website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="formToken" value="${token}">
<p><button type="submit" class="button">${e.submit}</button></p>
</form></details>`;
}

interface ForumExtras {
  /** The signed time stamp of the forms ('' without a secret: no forms). */
  token: string;
  today: string;
  withNotice: boolean;
}

function forumArticle(f: PublicForum, links: YearLinks, place: string, extras?: ForumExtras): SafeHtml {
  const stream = f.streamUrl && isSafeHref(f.streamUrl) ? html`<a href="${f.streamUrl}" rel="noopener noreferrer">${t.calendar.streamLink(f.title)}</a>` : stillPlanned(f) ? t.calendar.noStream : t.calendar.noStreamHeld;
  return html`<article class="forum" id="foro-${f.id}" aria-labelledby="foro-${f.id}-titulo">
<h3 id="foro-${f.id}-titulo">${f.title}</h3>
<dl class="facts">
<div><dt>${t.calendar.date}</dt><dd>${f.date ? formatLongDate(f.date) : t.calendar.noDate}</dd></div>
<div><dt>${t.calendar.time}</dt><dd>${timeText(f, place)}</dd></div>
${f.durationMinutes ? html`<div><dt>${t.calendar.durationLabel}</dt><dd>${t.calendar.duration(f.durationMinutes)}</dd></div>` : ''}
<div><dt>${t.calendar.platform}</dt><dd>${platformLabels[f.platform]}</dd></div>
<div><dt>${t.calendar.stream}</dt><dd>${stream}</dd></div>
<div><dt>${t.calendar.theme}</dt><dd>${f.theme}</dd></div>
${f.place ? html`<div><dt>${t.calendar.place}</dt><dd>${f.place}</dd></div>` : ''}
<div><dt>${t.calendar.status}</dt><dd>${forumStatusLabels[f.status]}</dd></div>
</dl>
${f.objective ? html`<p><strong>${t.calendar.objective}:</strong> ${f.objective}</p>` : ''}
${f.guidingQuestions.length > 0 ? html`<h4>${t.calendar.guidingQuestions}</h4><ul>${f.guidingQuestions.map((q) => html`<li>${q}</li>`)}</ul>` : ''}
${f.date ? html`<p><a class="button" href="${links.api}/forums/${f.id}.ics" download aria-label="${t.calendar.addToCalendarFull(f.title)}">${t.calendar.addToCalendar}</a></p>` : ''}
${extras?.token && forumTakesQuestions(f, extras.today) ? askForm(f, links, extras.token, extras.withNotice) : ''}
${extras?.token && forumTakesEvaluation(f, extras.today) ? evaluateForm(f, links, extras.token) : ''}
</article>`;
}

function voteForm(c: NonNullable<PublicYear['consultation']>, links: YearLinks, token: string): SafeHtml {
  const v = t.consultation.vote;
  return html`<h3 id="voto-titulo">${v.title}</h3>
<form class="vote" method="post" action="${links.api}/consultation/votes" aria-labelledby="voto-titulo">
<fieldset><legend>${v.topicsLegend}</legend>
${c.topics.map((topic) => html`<div class="choice"><input type="checkbox" id="tema-${topic.id}" name="topicIds" value="${String(topic.id)}"><label for="tema-${topic.id}">${topic.title}</label></div>`)}
</fieldset>
<div class="field"><label for="propuesta">${v.propose}</label><textarea id="propuesta" name="proposedTopic" rows="3" maxlength="1000"></textarea></div>
<fieldset><legend>${v.groupLegend}</legend>
<div class="choice"><input type="radio" id="grupo-externo" name="valueGroupKind" value="external" required><label for="grupo-externo">${v.external}</label></div>
<div class="choice"><input type="radio" id="grupo-interno" name="valueGroupKind" value="internal"><label for="grupo-interno">${v.internal}</label></div>
<div class="field"><label for="grupo">${v.group}</label><input type="text" id="grupo" name="valueGroup" required maxlength="200"></div>
</fieldset>
<div class="field"><label for="localidad">${v.locality}</label><input type="text" id="localidad" name="locality" maxlength="120"></div>
<div class="hp"><label for="sitio-web">${v.honeypot}</label><input type="text" id="sitio-web" name="website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="formToken" value="${token}">
<p class="note">${v.privacy}</p>
<p><button type="submit" class="button">${v.submit}</button></p>
</form>`;
}

/** The year's page body; times are the organisation's (`timeZone`: its forums' hours, the report's publication). */
function yearBody(data: PublicYear, origin: string, token: string, today: string, timeZone: string, slug: string | null): SafeHtml {
  const y = data.year;
  const links = yearLinks(y, slug);
  const place = zonePlaceName(timeZone);
  const sections: SafeHtml[] = [];
  if (data.strategy) sections.push(html`<p class="lead"><strong>${t.strategy}:</strong> ${data.strategy}</p>`);
  if (data.forums) {
    const feed = `${origin}${links.api}/calendar.ics`;
    sections.push(html`<section id="calendario" aria-labelledby="calendario-titulo">
<h2 id="calendario-titulo">${t.calendar.title}</h2>
<p>${t.calendar.intro(place, zoneOffsetText(timeZone))}</p>
${data.forums.length === 0 ? html`<p>${t.calendar.empty}</p>` : data.forums.map((f) => forumArticle(f, links, place, { token, today, withNotice: data.privacyNotice.trim() !== '' }))}
<h3>${t.calendar.subscribeTitle}</h3>
<p>${t.calendar.subscribeHelp}</p>
<p><code class="copy">${feed}</code></p>
<p><a href="${feed.replace(/^https?:/, 'webcal:')}">${t.calendar.subscribe}</a> · <a href="${links.api}/calendar.ics" download>${t.calendar.downloadFeed}</a></p>
</section>`);
  }
  if (data.parts.consultation) {
    const c = data.consultation;
    sections.push(html`<section id="consulta" aria-labelledby="consulta-titulo">
<h2 id="consulta-titulo">${t.consultation.title}</h2>
${c
  ? html`<p><strong>${c.title}</strong>. ${t.consultation.period(formatLongDate(c.openDate), formatLongDate(c.closeDate))}</p>
<p>${c.open ? html`${t.consultation.open} ${token ? t.consultation.voteSoon : ''}` : t.consultation.closed}</p>
<h3>${t.consultation.topics}</h3>
<ul>${c.topics.map((topic) => html`<li><strong>${topic.title}</strong>${topic.description ? html`: ${topic.description}` : ''}</li>`)}</ul>
${c.open && token ? voteForm(c, links, token) : ''}`
  : html`<p>${t.consultation.none}</p>`}
</section>`);
  }
  if (data.answers) sections.push(answersSection(data.answers));
  if (data.commitments) sections.push(commitmentsSection(data.commitments));
  if (data.parts.report) {
    const r = data.report;
    sections.push(html`<section id="informe" aria-labelledby="informe-titulo">
<h2 id="informe-titulo">${t.report.title}</h2>
${r
  ? html`<p>${t.report.version(r.number, formatDateTime(r.publishedAt, timeZone))}</p>
<ul class="links">
<li><a href="${links.page}/informe">${t.report.read}</a></li>
<li><a href="${links.api}/report.pdf" download>${t.report.pdf}</a></li>
<li><a href="${links.api}/report.docx" download>${t.report.word}</a></li>
<li><a href="${links.api}/report.json" download>${t.report.json}</a></li>
</ul>
<p>${t.report.sha}: <code class="hash">${r.sha256}</code></p>
<p class="note">${t.report.shaHelp}</p>`
  : html`<p>${t.report.none}</p>`}
</section>`);
  }
  if (data.openData) {
    const files = (['forums', 'questions', 'metrics', 'dictionary'] as const).map(
      (file) => html`<li><a href="${links.api}/open-data/${file}.csv" download="${openDataFileName(file, y)}">${t.openData.files[file]}</a></li>`,
    );
    sections.push(html`<section id="datos" aria-labelledby="datos-titulo">
<h2 id="datos-titulo">${t.openData.title}</h2>
<p>${t.openData.intro}</p>
<ul class="links">${files}<li><a href="${links.api}/open-data.json" download>${t.openData.files.json}</a></li></ul>
<h3>${t.openData.licence}</h3>
<p>${data.licence.url && isSafeHref(data.licence.url) ? html`<a href="${data.licence.url}" rel="license noopener noreferrer">${t.openData.licenceText(data.licence.name)}</a>` : t.openData.licenceText(data.licence.name)}</p>
<details><summary>${t.openData.dictionary}</summary>
<div class="table-wrap"><table><caption>${t.openData.dictionaryCaption}</caption>
<thead><tr><th scope="col">${t.openData.columns.file}</th><th scope="col">${t.openData.columns.column}</th><th scope="col">${t.openData.columns.meaning}</th><th scope="col">${t.openData.columns.unit}</th></tr></thead>
<tbody>${openDataDictionaryFor(y, timeZone).map((e) => html`<tr><td>${openDataFileName(e.file, y)}</td><th scope="row"><code>${e.column}</code></th><td>${e.meaning}</td><td>${e.unit}</td></tr>`)}</tbody>
</table></div></details>
</section>`);
  }
  if (data.privacyNotice) sections.push(html`<section id="privacidad" aria-labelledby="privacidad-titulo"><h2 id="privacidad-titulo">${t.privacy}</h2>${data.privacyNotice.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</section>`);
  return html`<h1>${t.heading(y)}</h1>${sections}`;
}

/** Published answers grouped by forum: the citizen's words and the answer as plain text (escaped), never who asked. */
function answersSection(answers: NonNullable<PublicYear['answers']>): SafeHtml {
  const a = t.answers;
  const forums = [...new Map(answers.map((q) => [q.forumId, q.forumTitle])).entries()];
  return html`<section id="preguntas" aria-labelledby="preguntas-titulo">
<h2 id="preguntas-titulo">${a.title}</h2>
<p>${a.intro}</p>
${answers.length === 0
  ? html`<p>${a.none}</p>`
  : forums.map(
      ([forumId, title]) => html`<h3>${a.forum(title)}</h3>
<ul class="answers">${answers
        .filter((q) => q.forumId === forumId)
        .map(
          (q) => html`<li class="answer"><h4><span class="visually-hidden">${a.question}: </span>${q.question}</h4>
<p><strong>${a.answer}:</strong> ${q.answer || a.noAnswerText}</p>
<p class="note">${a.received} ${formatShortDate(q.receivedOn)}${q.answeredOn ? html` · ${q.answeredLive ? a.live : a.answered} ${formatShortDate(q.answeredOn)}` : ''}</p></li>`,
        )}</ul>`,
    )}
</section>`;
}

/** Commitments with their progress (a bar with its figure in words), never the person named on them. */
function commitmentsSection(commitments: NonNullable<PublicYear['commitments']>): SafeHtml {
  const m = t.commitments;
  return html`<section id="compromisos" aria-labelledby="compromisos-titulo">
<h2 id="compromisos-titulo">${m.title}</h2>
<p>${m.intro}</p>
${commitments.length === 0
  ? html`<p>${m.none}</p>`
  : html`<ul class="commitments">${commitments.map(
      (c) => html`<li class="commitment"><h4>${c.text}</h4>
<dl class="facts">
<div><dt>${m.forum}</dt><dd>${c.forumTitle}</dd></div>
<div><dt>${m.area}</dt><dd>${c.area}</dd></div>
<div><dt>${m.due}</dt><dd>${formatShortDate(c.dueDate)}</dd></div>
<div><dt>${m.status}</dt><dd>${commitmentStatusLabels[c.status]}</dd></div>
<div><dt>${m.progress}</dt><dd>${m.progressValue(c.progress)}<div class="bar" aria-hidden="true"><span class="w${Math.round(c.progress / 5) * 5}"></span></div></dd></div>
${c.cancelReason ? html`<div><dt>${m.cancelReason}</dt><dd>${c.cancelReason}</dd></div>` : ''}
${c.lastFollowUp ? html`<div><dt>${m.lastFollowUp}</dt><dd>${m.followUp(formatShortDate(c.lastFollowUp.date), c.lastFollowUp.note)}</dd></div>` : ''}
</dl></li>`,
    )}</ul>`}
</section>`;
}

function yearNav(data: PublicYear, slug: string | null): SafeHtml {
  const items: [string, string][] = [];
  if (data.forums) items.push(['#calendario', t.nav.calendar]);
  if (data.parts.consultation) items.push(['#consulta', t.nav.consultation]);
  if (data.answers) items.push(['#preguntas', t.nav.answers]);
  if (data.commitments) items.push(['#compromisos', t.nav.commitments]);
  if (data.parts.report) items.push(['#informe', t.nav.report]);
  if (data.openData) items.push(['#datos', t.nav.openData]);
  if (data.privacyNotice) items.push(['#privacidad', t.nav.privacy]);
  return html`<nav class="wrap site-nav" aria-label="${t.navLabel}"><ul>${items.map(([href, label]) => html`<li><a href="${publicPagePath(data.year, slug)}${href}">${label}</a></li>`)}</ul></nav>`;
}

const newNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
const defaultColour = '#1F5F8B';

interface SiteOrganization {
  db: Kysely<Database>;
  slug: string | null;
  /** Its IANA time zone: whether a vote, a question form or an evaluation is open follows its date. */
  timeZone: string;
  /** The address of its uploaded logo (organization-logo.ts), null when it has none. */
  logo: string | null;
}

/** The entity as the page shows it: the organisation's uploaded logo when it has one, else the year's logo address. */
const withLogo = <E extends { logoUrl: string }>(entity: E, org: SiteOrganization): E => (org.logo ? { ...entity, logoUrl: org.logo } : entity);

export function createParticipaSite(options: ParticipaSiteOptions) {
  const app = new Hono();
  const now = options.now ?? (() => new Date());
  // Counted in the database (issue 15): every server process on it shares the count.
  const limit = { max: options.maxPerMinute ?? 240, windowMs: 60_000 };
  const reportCache = new Map<string, { title: string; body: SafeHtml }>();

  /** An HTML answer with the page's own policy (its nonce; framing only from `frameOrigins`). */
  const send = (c: Context, status: 200 | 404 | 429, body: (nonce: string) => string, frameOrigins: readonly string[] = []) => {
    const nonce = newNonce();
    c.header('Content-Security-Policy', pageSecurityPolicy(nonce, frameOrigins));
    c.header('Cache-Control', 'no-cache');
    return c.html(body(nonce), status);
  };
  const firstOrganizationDb = forOrganization(options.db, firstOrganizationId);
  const organizations = new Map<number, Kysely<Database>>();
  /** The organisation of the address: its slug's, or the first one's on the addresses without one; null: no such slug. */
  const organizationOfPage = async (c: Context): Promise<SiteOrganization | null> => {
    const slug = c.req.param('slug');
    if (slug === undefined) {
      const first = await findOrganizationById(options.db, firstOrganizationId);
      return { db: firstOrganizationDb, slug: null, timeZone: first?.timeZone ?? defaultTimeZone, logo: first?.logo ? logoPath(first.slug, first.logo) : null };
    }
    const found = await findOrganizationBySlug(options.db, slug);
    if (!found) return null;
    let db = organizations.get(found.id);
    if (!db) {
      db = forOrganization(options.db, found.id);
      if (organizations.size >= 10_000) organizations.clear();
      organizations.set(found.id, db);
    }
    return { db, slug: found.slug, timeZone: found.timeZone, logo: found.logo ? logoPath(found.slug, found.logo) : null };
  };
  const notFound = (c: Context) =>
    send(c, 404, (nonce) => page({ title: t.notFoundTitle, description: t.notFound, nonce, colour: defaultColour, body: html`<h1>${t.notFoundTitle}</h1><p>${t.notFound}</p><p><a href="/participa">${t.indexTitle}</a></p>` }));

  app.use('/participa/*', async (c, next) => {
    const { allowed, retryAfterMs } = await hitLimit(options.db, `participa|${options.address(c)}`, now().getTime(), limit);
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      return send(c, 429, (nonce) => page({ title: t.rateLimited, description: t.rateLimited, nonce, colour: defaultColour, body: html`<h1>${t.rateLimited}</h1>` }));
    }
    await next();
  });

  /** The year's settings when anything of it is public, else null (a 404 page). */
  async function yearData(c: Context): Promise<{ data: PublicYear; settings: PublicationSettings; org: SiteOrganization } | null> {
    const raw = c.req.param('year') ?? '';
    if (!yearPattern.test(raw)) return null;
    const year = Number(raw);
    const org = await organizationOfPage(c);
    if (!org) return null;
    try {
      const data = await publicYear(org.db, year, todayIn(org.timeZone, now()));
      return { data, settings: (await getPublication(org.db, year)).settings, org };
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 404) return null;
      throw error;
    }
  }

  for (const prefix of sitePrefixes) {
  app.get(prefix, async (c) => {
    const org = await organizationOfPage(c);
    if (!org) return notFound(c);
    const rows = await org.db.selectFrom('publication_settings').select('year').orderBy('year', 'desc').execute();
    const years: number[] = [];
    // The entity as its latest published year presents it (name, logo, colour), so a citizen knows whose page it is.
    let entity: { name: string; logoUrl: string; colour: string } | undefined;
    for (const row of rows) {
      const { settings } = await getPublication(org.db, row.year);
      if (!anyPublic(settings)) continue;
      years.push(row.year);
      entity ??= { name: settings.entityName, logoUrl: settings.logoUrl, colour: settings.primaryColour };
    }
    const title = entity?.name ? `${t.indexTitle} — ${entity.name}` : t.indexTitle;
    return send(c, 200, (nonce) =>
      page({
        title,
        description: title,
        nonce,
        colour: entity?.colour ?? defaultColour,
        entity: entity && withLogo(entity, org),
        origin: new URL(c.req.url).origin,
        body: html`<h1>${t.indexTitle}</h1>${years.length === 0 ? html`<p>${t.indexEmpty}</p>` : html`<p>${t.indexIntro}</p><ul class="links">${years.map((y) => html`<li><a href="${publicPagePath(y, org.slug)}">${t.heading(y)}</a></li>`)}</ul>`}`,
      }),
      [],
    );
  });

  app.get(`${prefix}/:year{[0-9]{4}}`, async (c) => {
    const found = await yearData(c);
    if (!found) return notFound(c);
    const { data, settings } = found;
    const origin = new URL(c.req.url).origin;
    const token = options.voteSecret ? await formToken(options.voteSecret, data.year, now()) : '';
    return send(
      c,
      200,
      (nonce) =>
        page({
          title: t.pageTitle(data.year, data.entity.name),
          description: t.pageDescription(data.year, data.entity.name),
          nonce,
          colour: data.entity.primaryColour,
          entity: withLogo(data.entity, found.org),
          origin: new URL(c.req.url).origin,
          year: data.year,
          nav: yearNav(data, found.org.slug),
          body: yearBody(data, origin, token, todayIn(found.org.timeZone, now()), found.org.timeZone, found.org.slug),
        }),
      settings.frameOrigins,
    );
  });

  app.get(`${prefix}/:year{[0-9]{4}}/informe`, async (c) => {
    const found = await yearData(c);
    if (!found || !found.data.report) return notFound(c);
    const { data, settings } = found;
    // A published version never changes: its rendered body is kept by its SHA-256 (a few versions at most).
    const key = `${found.org.slug ?? ''}:${data.report!.sha256}`;
    let rendered = reportCache.get(key);
    if (!rendered) {
      const { snapshot } = await publicReport(found.org.db, data.year, settings);
      const model = reportDocumentOf(snapshot.data, snapshot.publishedAt);
      rendered = { title: model.title, body: reportHtml(model) };
      if (reportCache.size >= 16) reportCache.delete(reportCache.keys().next().value!);
      reportCache.set(key, rendered);
    }
    const { title, body } = rendered;
    const links = yearLinks(data.year, found.org.slug);
    return send(
      c,
      200,
      (nonce) =>
        page({
          title: t.report.pageTitle(title, data.year),
          description: t.report.pageDescription(data.entity.name, data.year),
          nonce,
          colour: data.entity.primaryColour,
          entity: withLogo(data.entity, found.org),
          origin: new URL(c.req.url).origin,
          year: data.year,
          nav: html`<nav class="wrap site-nav" aria-label="${t.navLabel}"><ul><li><a href="${links.page}">${t.report.backToYear(data.year)}</a></li><li><a href="${links.api}/report.pdf" download>${t.report.pdf}</a></li><li><a href="${links.api}/report.docx" download>${t.report.word}</a></li></ul></nav>`,
          body: html`${body}<p class="note">${t.report.version(data.report!.number, formatDateTime(data.report!.publishedAt, found.org.timeZone))} ${t.report.sha}: <code class="hash">${data.report!.sha256}</code></p>`,
        }),
      settings.frameOrigins,
    );
  });

  }

  /** The answer page a public form redirects to: thanks, or why it was refused (announced), and the way back. */
  const resultPage = (prefix: string, path: string, texts: { thanksTitle: string; refusedTitle: string; back: string }, messages: Record<string, string>, fallback: string, anchor: string) =>
    app.get(`${prefix}/:year{[0-9]{4}}/${path}`, async (c) => {
      const found = await yearData(c);
      if (!found) return notFound(c);
      const { data, settings } = found;
      const code = c.req.query('resultado') ?? '';
      const ok = code === 'ok';
      const title = ok ? texts.thanksTitle : texts.refusedTitle;
      const message = Object.hasOwn(messages, code) ? messages[code]! : fallback;
      // A refusal by the address limit says when to try again (the seconds the form's route computed; 1 h at most).
      const wait = code === 'rateLimited' && /^[1-9]\d{0,3}$/.test(c.req.query('espera') ?? '') ? Math.min(3600, Number(c.req.query('espera'))) : null;
      return send(
        c,
        200,
        (nonce) =>
          page({
            title: `${title} — ${t.pageTitle(data.year, data.entity.name)}`,
            description: title,
            nonce,
            colour: data.entity.primaryColour,
            entity: withLogo(data.entity, found.org),
            year: data.year,
            body: html`<h1>${title}</h1><div class="result" role="${ok ? 'status' : 'alert'}"><p>${message}</p>${wait ? html`<p>${t.tryAgainIn(wait)}</p>` : ''}</div><p><a href="${publicPagePath(data.year, found.org.slug)}${anchor}">${texts.back}</a></p>`,
          }),
        settings.frameOrigins,
      );
    });
  for (const prefix of sitePrefixes) {
  resultPage(prefix, 'voto', t.consultation.vote, voteMessages satisfies Record<VoteCode, string>, voteMessages.token, '#consulta');
  resultPage(prefix, 'pregunta', t.ask, askMessages satisfies Record<AskCode, string>, askMessages.token, '#calendario');
  resultPage(prefix, 'evaluacion', t.evaluate, evaluateMessages satisfies Record<EvaluateCode, string>, evaluateMessages.token, '#calendario');
  }

  app.get('/participa/*', (c) => notFound(c));
  return app;
}
