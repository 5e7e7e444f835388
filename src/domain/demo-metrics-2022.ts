import { approx, exact, type ForumMetricsInput } from './metrics';

/**
 * The 2022 report's livestream figures (seed/foros-virtuales-2022.txt, section 6: OCR of Meta's screens),
 * exactly as printed, keyed by the forum's date because forum ids are assigned when the demo is loaded.
 *
 * Readings common to the three forums:
 * - Post card: the first number of the reactions line ("OO 24") is the reactions count; the card shows no
 *   shares → null. "Personas alcanzadas" / "Reacciones, comentarios y veces..." are reach / interactions; the
 *   number above "Reproducciones de video de 3 segundos" is the 3-second views. The card's reach,
 *   interactions and 3-second views equal the since-publication screen's, so both were captured the same day:
 *   the card gets the same `asOf`.
 * - Live summary: `asOf` = the forum date (Meta measures it at the end of the broadcast). The four numbers
 *   over "Número máximo de espectadores en vivo, Reacciones, Comentarios, Veces compartido" are in that order.
 *   "Minutos reproducidos" is printed h:mm:ss (09:09:57); "Promedio de minutos reproducidos" is m:ss (2:42).
 * - Since publication: the five numbers over "3 s, 1 min, promedio, interacción, minutos reproducidos" are in
 *   that order; here "Minutos reproducidos" is a number of minutes (627, or compact 1,7 mil), stored in
 *   seconds (627 min = 37.620 s; 1,7 mil min = 102.000 s ± 3.000 s, since 1,7 mil means 1.650–1.749 min).
 *   `asOf` = 2022-10-20: the daily charts' x axes end there ("... oct 10 oct 20" and "... oct 13 oct 20").
 * - The daily views, the live viewers curve and the retention curve are only pictures in the seed: empty.
 * - Peak live viewers of Meta has no YouTube-style average: avgConcurrentViewers = null; 1-minute viewers are
 *   not on these screens: null.
 *
 * Consistency (tests/unit/metrics-demo.test.ts): no blocking rule fires; see the test for the warnings.
 */
const liveAsOf = {
  politicas: '2022-06-22',
  mipg: '2022-07-29',
  causas: '2022-09-07',
} as const;

/**
 * Causas Ciudadanas' chart axis reads "sep7 sep 10 sep 14 … sep 28 oct2" and stops there in the OCR. Its ticks
 * are 3–4 days apart; the other two charts have 13 ticks ending on oct 20, and 13 ticks at that spacing from
 * sep 7 also end on about oct 20, while the OCR of this page is visibly scrambled (the live summary's figures
 * are interleaved with this chart). The three screenshots were most likely taken on the same day, so the
 * same `asOf` is used; oct 2 would be the lower bound if this reading is wrong.
 */
const sinceAsOf = '2022-10-20';

export const demoMetrics2022: Record<string, ForumMetricsInput> = {
  // Foro Políticas Públicas (22 de junio).
  '2022-06-22': {
    postCard: {
      source: 'manual',
      asOf: sinceAsOf,
      plays: exact(236), // "236 reproducciones"
      reactions: exact(24), // "OO 24"
      comments: exact(11), // "11 comentarios"
      shares: null,
      reach: exact(650),
      interactions: exact(50),
      views3s: exact(236),
    },
    liveSummary: {
      source: 'manual',
      asOf: liveAsOf.politicas,
      broadcastSeconds: exact(4293), // 01:11:33
      peakLiveViewers: exact(19),
      avgConcurrentViewers: null,
      reactions: exact(16),
      comments: exact(11),
      shares: exact(1),
      views3s: exact(113),
      views1m: exact(39),
      avgWatchSeconds: exact(162), // 2:42
      totalWatchSeconds: exact(32997), // 09:09:57
      liveViewersCurve: [],
    },
    sincePublication: {
      source: 'manual',
      asOf: sinceAsOf,
      views3s: exact(236),
      views15s: exact(85),
      views1m: exact(47),
      viewers3s: exact(199),
      viewers1m: null,
      avgWatchSeconds: exact(64), // 1:04
      totalWatchSeconds: exact(37620), // 627 minutos
      interactions: exact(50),
      reach: exact(650),
      dailyViews: [],
      retentionCurve: [],
    },
  },
  // Foro MIPG (29 de julio).
  '2022-07-29': {
    postCard: {
      source: 'manual',
      asOf: sinceAsOf,
      plays: exact(441),
      reactions: exact(44),
      comments: exact(10),
      shares: null,
      reach: exact(883),
      interactions: exact(87),
      views3s: exact(441),
    },
    liveSummary: {
      source: 'manual',
      asOf: liveAsOf.mipg,
      broadcastSeconds: exact(3399), // 56:39 (m:ss: under an hour)
      peakLiveViewers: exact(40),
      avgConcurrentViewers: null,
      reactions: exact(37),
      comments: exact(10),
      shares: exact(2),
      views3s: exact(211),
      views1m: exact(70),
      avgWatchSeconds: exact(177), // 2:57
      totalWatchSeconds: exact(69185), // 19:13:05
      liveViewersCurve: [],
    },
    sincePublication: {
      source: 'manual',
      asOf: sinceAsOf,
      views3s: exact(441),
      views15s: exact(178),
      views1m: exact(105),
      viewers3s: exact(349),
      viewers1m: null,
      avgWatchSeconds: exact(67), // 1:07
      totalWatchSeconds: approx(102000, 3000), // "1,7 mil" minutos = 1.650–1.749 min
      interactions: exact(87),
      reach: exact(883),
      dailyViews: [],
      retentionCurve: [],
    },
  },
  // Foro Causas Ciudadanas (7 de septiembre). The OCR of this page interleaves the live summary and the
  // since-publication screen: the labels "Reproducciones de video de 3 segundos … Minutos reproducidos" of the
  // live summary come without numbers, and "129 / 51 / 3:03 / 13:27:27" appear later, in that same order (the
  // other two forums print them in this order), after the curve's axis labels "0:15 0:20". They are read as the
  // live summary's 3-s views, 1-min views, average and total. "436 65 0:41" and then "57 1,1 mil" are the
  // since-publication row (3 s, 1 min, average, interactions, minutes).
  '2022-09-07': {
    postCard: {
      source: 'manual',
      asOf: sinceAsOf,
      plays: exact(573),
      // "QO? z 26 comentarios": the reactions count is unreadable ("z"); not guessed.
      reactions: null,
      comments: exact(26),
      shares: null,
      reach: exact(635),
      interactions: exact(57),
      views3s: exact(436), // "436 (N"
    },
    liveSummary: {
      source: 'manual',
      asOf: liveAsOf.causas,
      broadcastSeconds: exact(2554), // 42:34
      peakLiveViewers: exact(7),
      avgConcurrentViewers: null,
      reactions: exact(9),
      comments: exact(26),
      shares: exact(4),
      views3s: exact(129),
      views1m: exact(51),
      avgWatchSeconds: exact(183), // 3:03
      totalWatchSeconds: exact(48447), // 13:27:27
      liveViewersCurve: [],
    },
    sincePublication: {
      source: 'manual',
      asOf: sinceAsOf,
      views3s: exact(436),
      views15s: exact(114),
      views1m: exact(65),
      // "Espectadores de 3 segundos" is printed at the end of the page with no number next to it.
      viewers3s: null,
      viewers1m: null,
      avgWatchSeconds: exact(41), // 0:41
      totalWatchSeconds: approx(66000, 3000), // "1,1 mil" minutos = 1.050–1.149 min
      interactions: exact(57),
      reach: exact(635),
      dailyViews: [],
      retentionCurve: [],
    },
  },
};
