import { describe, expect, it } from 'vitest';
import { demoMetrics2022 } from '../../src/domain/demo-metrics-2022';
import { approx, exact, type ForumMetricsInput } from '../../src/domain/metrics';
import { checkMetrics, figureRange, hasBlockingIssues, issuesAt, metricsRuleIds, metricsRules, type MetricsRuleId } from '../../src/domain/metrics-rules';

/** A consistent forum (Políticas Públicas as the seed prints it), deep-copied for each test. */
const base = (): ForumMetricsInput => structuredClone(demoMetrics2022['2022-06-22']);
const rulesOf = (input: Parameters<typeof checkMetrics>[0]) => checkMetrics(input).map((i) => `${i.severity}:${i.rule}`);

describe('metric consistency rules', () => {
  it('numbers the rules as the reference does: 1–5 block, 6–11 warn', () => {
    expect(metricsRuleIds.map((id) => metricsRules[id].number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(metricsRuleIds.filter((id) => metricsRules[id].severity === 'block').length).toBe(5);
  });

  it('finds nothing in a consistent forum, and checks half-filled forms', () => {
    expect(checkMetrics(base())).toEqual([]);
    expect(checkMetrics({})).toEqual([]);
    expect(checkMetrics({ liveSummary: { views1m: exact(5) } })).toEqual([]);
  });

  it('rule 1: 1-minute views above 3-second views block, with both figures in the message', () => {
    const m = base();
    m.liveSummary!.views1m = exact(70);
    m.liveSummary!.views3s = exact(41);
    m.liveSummary!.totalWatchSeconds = exact(32997);
    const issues = checkMetrics(m).filter((i) => i.rule === 'views-nested');
    expect(issues).toEqual([
      {
        rule: 'views-nested',
        severity: 'block',
        paths: ['liveSummary.views1m', 'liveSummary.views3s'],
        message: 'Resumen de la transmisión en vivo: las reproducciones de 1 minuto (70) no pueden superar las de 3 segundos (41).',
      },
    ]);
    expect(hasBlockingIssues(checkMetrics(m))).toBe(true);
  });

  it('rule 1: 15-second views sit between 1-minute and 3-second views', () => {
    const m = base();
    m.sincePublication!.views15s = exact(40); // below views1m 47
    expect(rulesOf(m)).toContain('block:views-nested');
    expect(checkMetrics(m).find((i) => i.rule === 'views-nested')!.paths).toEqual(['sincePublication.views1m', 'sincePublication.views15s']);
    m.sincePublication!.views15s = exact(47); // equal is fine
    expect(rulesOf(m)).not.toContain('block:views-nested');
    m.sincePublication!.views15s = exact(12.345e3);
    expect(checkMetrics(m).find((i) => i.rule === 'views-nested')!.message).toBe(
      'Rendimiento desde la publicación: las reproducciones de 15 segundos (12.345) no pueden superar las de 3 segundos (236).',
    );
  });

  it('rule 2: viewers cannot exceed views of the same threshold', () => {
    const m = base();
    m.sincePublication!.viewers3s = exact(237);
    expect(rulesOf(m)).toEqual(['block:viewers-within-views']);
    m.sincePublication!.viewers3s = exact(236);
    m.sincePublication!.viewers1m = exact(48);
    expect(checkMetrics(m)).toEqual([
      expect.objectContaining({ rule: 'viewers-within-views', severity: 'block', paths: ['sincePublication.viewers1m', 'sincePublication.views1m'] }),
    ]);
    m.sincePublication!.viewers1m = exact(47);
    expect(checkMetrics(m)).toEqual([]);
  });

  it('rule 3: time watched of at least 1 minute per 1-minute view and 3 s per 3-second view', () => {
    const m = base();
    m.liveSummary!.totalWatchSeconds = exact(39 * 60 - 1);
    m.liveSummary!.avgWatchSeconds = exact(10);
    const issues = checkMetrics(m).filter((i) => i.rule === 'time-watched-minimum');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'block', paths: ['liveSummary.totalWatchSeconds', 'liveSummary.views1m'] });
    expect(issues[0].message).toBe(
      'Resumen de la transmisión en vivo: el tiempo reproducido (38 min 59 s) no puede ser menor que 1 minuto por cada reproducción de 1 minuto (39 × 1 min = 39 min).',
    );
    m.liveSummary!.totalWatchSeconds = exact(39 * 60);
    expect(checkMetrics(m).filter((i) => i.rule === 'time-watched-minimum')).toEqual([]);
    const n = base();
    n.liveSummary!.views1m = null;
    n.liveSummary!.avgWatchSeconds = null;
    n.liveSummary!.totalWatchSeconds = exact(113 * 3 - 1);
    expect(checkMetrics(n).map((i) => [i.rule, i.paths[1]])).toEqual([['time-watched-minimum', 'liveSummary.views3s']]);
  });

  it('rule 4: negative figures and Meta retention above 100 % block; YouTube retention may exceed 100 %', () => {
    const m = base();
    (m.postCard!.reach as { value: number }).value = -5;
    expect(checkMetrics(m)).toEqual([
      { rule: 'non-negative', severity: 'block', paths: ['postCard.reach'], message: 'Publicación: el valor de las personas alcanzadas no puede ser negativo (-5).' },
    ]);
    const r = base();
    r.sincePublication!.retentionCurve = [{ interval: 0, percent: 100 }, { interval: 1, percent: 120 }];
    expect(checkMetrics(r)).toEqual([
      expect.objectContaining({ rule: 'non-negative', paths: ['sincePublication.retentionCurve.1.percent'], message: 'Rendimiento desde la publicación: la curva de retención de Meta va de 0 a 100 %: el intervalo 1 tiene 120 %.' }),
    ]);
    r.sincePublication!.source = 'youtube_csv';
    expect(checkMetrics(r)).toEqual([]);
    r.sincePublication!.dailyViews = [{ date: '2022-06-22', views: -1 }];
    expect(rulesOf({ sincePublication: r.sincePublication })[0]).toBe('block:non-negative');
  });

  it('rule 5: average concurrent viewers cannot exceed the peak', () => {
    const m = base();
    m.liveSummary!.avgConcurrentViewers = exact(20);
    expect(checkMetrics(m)).toEqual([
      expect.objectContaining({ rule: 'concurrent-within-peak', severity: 'block', message: 'Resumen de la transmisión en vivo: el promedio de espectadores simultáneos (20) no puede superar el máximo de espectadores en vivo (19).' }),
    ]);
    m.liveSummary!.avgConcurrentViewers = exact(12);
    expect(checkMetrics(m)).toEqual([]);
  });

  it('rule 6: interactions far from reactions + comments + shares warn', () => {
    const m = base();
    m.postCard!.shares = exact(15); // 24 + 11 + 15 = 50
    expect(checkMetrics(m)).toEqual([]);
    m.postCard!.shares = exact(12); // 47: within 10 %
    expect(checkMetrics(m)).toEqual([]);
    m.postCard!.shares = exact(1); // 36
    expect(checkMetrics(m)).toEqual([
      {
        rule: 'interactions-sum',
        severity: 'warn',
        paths: ['postCard.interactions', 'postCard.reactions', 'postCard.comments', 'postCard.shares'],
        message: 'Publicación: las interacciones (50) no coinciden con la suma de reacciones, comentarios y veces compartido (36). Meta cuenta de otra forma las reacciones en publicaciones compartidas; confirme las cifras.',
      },
    ]);
    const partial = base();
    partial.postCard!.reactions = exact(45); // 45 + 11 > 50 with shares unknown
    expect(checkMetrics(partial)[0]).toMatchObject({ rule: 'interactions-sum', severity: 'warn', message: 'Publicación: las interacciones (50) son menos que la suma de las reacciones y los comentarios (56); confirme las cifras.' });
    expect(hasBlockingIssues(checkMetrics(partial))).toBe(false);
  });

  it('rule 7: average × 3-second views above the time watched warns', () => {
    const m = base();
    m.liveSummary!.avgWatchSeconds = exact(300); // 300 × 113 = 33.900 s > 32.997 s
    expect(checkMetrics(m)).toEqual([expect.objectContaining({ rule: 'average-times-views', severity: 'warn', paths: ['liveSummary.avgWatchSeconds', 'liveSummary.views3s', 'liveSummary.totalWatchSeconds'] })]);
    expect(checkMetrics(m)[0].message).toBe(
      'Resumen de la transmisión en vivo: el promedio de minutos reproducidos (5:00) por las reproducciones de 3 segundos (113) da 565 min, más que los minutos reproducidos (549 min 57 s). Meta divide entre todas las reproducciones; confirme las cifras.',
    );
    m.liveSummary!.avgWatchSeconds = exact(292); // 32.996 s
    expect(checkMetrics(m)).toEqual([]);
  });

  it('rule 8: the live peak above the 3-second viewers warns', () => {
    const m = base();
    m.sincePublication!.viewers3s = exact(18);
    expect(checkMetrics(m)).toEqual([expect.objectContaining({ rule: 'peak-within-viewers', severity: 'warn', paths: ['liveSummary.peakLiveViewers', 'sincePublication.viewers3s'] })]);
    m.sincePublication!.viewers3s = exact(19);
    expect(checkMetrics(m)).toEqual([]);
  });

  it('rule 9: an average watch time longer than the broadcast warns', () => {
    const m = base();
    m.liveSummary!.broadcastSeconds = exact(100);
    expect(checkMetrics(m).map((i) => [i.rule, i.severity, i.paths[0]])).toEqual([
      ['average-within-broadcast', 'warn', 'liveSummary.avgWatchSeconds'],
    ]);
    expect(checkMetrics(m)[0].message).toBe('Resumen de la transmisión en vivo: el promedio de minutos reproducidos (2:42) supera la duración de la transmisión (00:01:40); puede pasar con repeticiones, confírmelo.');
    m.liveSummary!.broadcastSeconds = exact(162);
    expect(checkMetrics(m)).toEqual([]);
  });

  it('rule 10: daily views must add up to the lifetime figure; the live curve cannot pass the peak', () => {
    const m = base();
    m.sincePublication!.dailyViews = [{ date: '2022-06-22', views: 200 }, { date: '2022-06-23', views: 30 }]; // 230 ≈ 236 (within 5 %)
    expect(checkMetrics(m)).toEqual([]);
    m.sincePublication!.dailyViews = [{ date: '2022-06-22', views: 100 }, { date: '2022-06-23', views: 30 }];
    expect(checkMetrics(m)).toEqual([
      expect.objectContaining({ rule: 'series-match-totals', severity: 'warn', message: 'Rendimiento desde la publicación: la serie diaria suma 130 reproducciones en 2 días, pero las reproducciones de 3 segundos son 236.' }),
    ]);
    const c = base();
    c.liveSummary!.liveViewersCurve = [{ minute: 0, viewers: 5 }, { minute: 1, viewers: 19 }];
    expect(checkMetrics(c)).toEqual([]);
    c.liveSummary!.liveViewersCurve = [{ minute: 0, viewers: 5 }, { minute: 1, viewers: 25 }];
    expect(rulesOf(c)).toEqual(['warn:series-match-totals']);
  });

  it('rule 11: later snapshots cannot be lower than the live summary, nor dated before it', () => {
    const m = base();
    m.sincePublication!.views1m = exact(30); // live summary had 39
    expect(checkMetrics(m)).toEqual([
      {
        rule: 'since-publication-not-lower',
        severity: 'warn',
        paths: ['sincePublication.views1m', 'liveSummary.views1m'],
        message: 'Rendimiento desde la publicación: las reproducciones de 1 minuto (30) son menos que en el resumen en vivo (39), y solo pueden crecer.',
      },
    ]);
    const d = base();
    d.sincePublication!.asOf = '2022-06-01';
    expect(checkMetrics(d).map((i) => i.message)).toEqual(['Rendimiento desde la publicación: la fecha de corte (2022-06-01) es anterior a la del resumen en vivo (2022-06-22).']);
    const c = base();
    c.postCard!.comments = exact(10);
    expect(rulesOf(c)).toEqual(['warn:since-publication-not-lower']);
  });

  describe('approximate figures', () => {
    it('gives the interval a compact figure stands for', () => {
      expect(figureRange(approx(1700, 50))).toEqual({ min: 1650, max: 1750 });
      expect(figureRange(approx(1000))).toEqual({ min: 950, max: 1050 });
      expect(figureRange(exact(236))).toEqual({ min: 236, max: 236 });
    });

    it('downgrades a block to a warning when the rounding can explain the difference', () => {
      const m: ForumMetricsInput = { ...base(), sincePublication: { ...base().sincePublication!, views3s: approx(1700, 50), views15s: exact(1720), views1m: exact(47), viewers3s: null } };
      const issues = checkMetrics(m).filter((i) => i.rule === 'views-nested');
      expect(issues).toHaveLength(1);
      expect(issues[0].severity).toBe('warn');
      expect(issues[0].message).toContain('(≈ 1.700)');
      expect(issues[0].message).toContain('cabe en el redondeo');
      m.sincePublication!.views15s = exact(1760); // beyond 1.650–1.750: still blocks
      expect(checkMetrics(m).find((i) => i.rule === 'views-nested')!.severity).toBe('block');
    });

    it('time watched in rounded minutes (1,7 mil) blocks only beyond the rounding', () => {
      const m = structuredClone(demoMetrics2022['2022-07-29']);
      m.sincePublication!.views1m = exact(1720); // needs 103.200 s; 1,7 mil min may be up to 105.000 s
      m.sincePublication!.views15s = exact(1800);
      m.sincePublication!.views3s = exact(1900);
      m.sincePublication!.viewers3s = exact(349);
      const issue = checkMetrics(m).find((i) => i.rule === 'time-watched-minimum');
      expect(issue).toMatchObject({ severity: 'warn' });
      expect(issue!.message).toContain('(≈ 1.700 min)');
      m.sincePublication!.views1m = exact(1760); // 105.600 s > 105.000 s
      expect(checkMetrics(m).find((i) => i.rule === 'time-watched-minimum')!.severity).toBe('block');
    });

    it('does not warn when an approximate figure could satisfy a warning rule', () => {
      const m = base();
      m.liveSummary!.totalWatchSeconds = approx(18000, 1000); // avg 162 × 113 = 18.306 s, within the margin
      m.sincePublication!.totalWatchSeconds = approx(37620);
      expect(checkMetrics(m).filter((i) => i.rule === 'average-times-views')).toEqual([]);
    });
  });

  it('lists the issues of one field for a form', () => {
    const m = base();
    m.sincePublication!.viewers3s = exact(300);
    const issues = checkMetrics(m);
    expect(issuesAt(issues, 'sincePublication.viewers3s').map((i) => i.rule)).toEqual(['viewers-within-views']);
    expect(issuesAt(issues, 'postCard.plays')).toEqual([]);
  });

  it.each(metricsRuleIds.map((id) => [id] as [MetricsRuleId]))('rule %s has a Spanish description', (id) => {
    expect(metricsRules[id].description).toMatch(/[a-záéíóúñ]/);
  });
});
