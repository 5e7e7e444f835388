import { normaliseText } from './metrics-import-cells';
import { metricsImportFormats, type ImportField, type ImportLanguage, type MetricsImportFormat } from './metrics-import-model';

/**
 * The metrics import's column tables: which header (English or Spanish, any case, accents, spacing or order) feeds
 * which field, per export format, and which format a header row is.
 */

type Language = ImportLanguage;

interface Alias {
  field: ImportField;
  en: string[];
  es: string[];
}

const metaAliases: Alias[] = [
  { field: 'postId', en: ['post id', 'video id', 'video asset id'], es: ['identificador de la publicacion', 'id de la publicacion', 'identificador del video', 'identificador de la pieza de video', 'id del video'] },
  { field: 'pageId', en: ['page id'], es: ['identificador de la pagina', 'id de la pagina'] },
  { field: 'pageName', en: ['page name'], es: ['nombre de la pagina'] },
  { field: 'title', en: ['title'], es: ['titulo'] },
  { field: 'description', en: ['description'], es: ['descripcion'] },
  { field: 'permalink', en: ['permalink', 'post link'], es: ['enlace permanente', 'enlace de la publicacion'] },
  { field: 'postType', en: ['post type'], es: ['tipo de publicacion'] },
  { field: 'publishTime', en: ['publish time', 'published'], es: ['hora de publicacion', 'fecha de publicacion'] },
  { field: 'date', en: ['date'], es: ['fecha'] },
  { field: 'durationSeconds', en: ['duration (sec)', 'duration (seconds)', 'length (sec)'], es: ['duracion (s)', 'duracion (seg)', 'duracion (segundos)', 'duracion (sec)'] },
  { field: 'views3s', en: ['3-second video views', '3 second video views'], es: ['reproducciones de video de 3 segundos', 'visualizaciones de video de 3 segundos', 'reproducciones de 3 segundos'] },
  { field: 'views15s', en: ['15-second video views', '15 second video views'], es: ['reproducciones de video de 15 segundos', 'visualizaciones de video de 15 segundos'] },
  { field: 'views1m', en: ['1-minute video views', '1 minute video views'], es: ['reproducciones de video de 1 minuto', 'visualizaciones de video de 1 minuto'] },
  { field: 'viewers3s', en: ['3-second viewers', '3 second viewers', '3-second video viewers'], es: ['espectadores de 3 segundos', 'espectadores de video de 3 segundos'] },
  { field: 'viewers1m', en: ['1-minute viewers', '1 minute viewers', '1-minute video viewers'], es: ['espectadores de 1 minuto', 'espectadores de video de 1 minuto'] },
  { field: 'totalWatchSeconds', en: ['seconds viewed', 'total seconds viewed'], es: ['segundos reproducidos', 'segundos visualizados', 'segundos de reproduccion'] },
  { field: 'avgWatchSeconds', en: ['average seconds viewed', 'avg. seconds viewed'], es: ['segundos en promedio reproducidos', 'segundos de media reproducidos', 'promedio de segundos reproducidos', 'segundos reproducidos en promedio', 'segundos de media visualizados'] },
  { field: 'reach', en: ['reach', 'people reached'], es: ['alcance', 'personas alcanzadas'] },
  {
    field: 'interactions',
    en: ['reactions, comments and shares', 'reactions, comments & shares'],
    es: ['reacciones, comentarios y veces que se compartio', 'reacciones, comentarios y veces compartido', 'reacciones, comentarios y contenido compartido', 'reacciones, comentarios y veces que se ha compartido', 'interacciones'],
  },
  { field: 'reactions', en: ['reactions'], es: ['reacciones'] },
  { field: 'comments', en: ['comments'], es: ['comentarios'] },
  { field: 'shares', en: ['shares'], es: ['veces que se compartio', 'veces compartido', 'contenido compartido', 'veces que se ha compartido', 'compartidos'] },
];

const youtubeTableAliases: Alias[] = [
  { field: 'videoId', en: ['content', 'video'], es: ['contenido'] },
  { field: 'title', en: ['video title'], es: ['titulo del video'] },
  { field: 'publishTime', en: ['video publish time'], es: ['hora de publicacion del video', 'fecha de publicacion del video'] },
  { field: 'durationSeconds', en: ['duration'], es: ['duracion'] },
  { field: 'plays', en: ['views'], es: ['visualizaciones', 'vistas'] },
  { field: 'watchTimeHours', en: ['watch time (hours)'], es: ['tiempo de visualizacion (horas)', 'tiempo de reproduccion (horas)'] },
  { field: 'avgViewDuration', en: ['average view duration'], es: ['duracion promedio de visualizacion', 'duracion media de visualizacion', 'duracion promedio de las visualizaciones'] },
  { field: 'impressions', en: ['impressions'], es: ['impresiones'] },
  { field: 'impressionsCtr', en: ['impressions click-through rate (%)'], es: ['porcentaje de clics de las impresiones (%)', 'tasa de clics de las impresiones (%)'] },
  { field: 'avgPercentViewed', en: ['average percentage viewed (%)'], es: ['porcentaje promedio visto (%)', 'porcentaje medio visto (%)'] },
  { field: 'likes', en: ['likes'], es: ['me gusta', 'marcas de me gusta'] },
  { field: 'comments', en: ['comments added'], es: ['comentarios agregados', 'comentarios anadidos', 'comentarios anadidos'] },
  { field: 'shares', en: ['shares'], es: ['veces compartido', 'contenido compartido', 'compartidos', 'veces que se compartio'] },
  { field: 'subscribers', en: ['subscribers', 'subscribers gained'], es: ['suscriptores', 'suscriptores obtenidos'] },
];

const youtubeLiveAliases: Alias[] = [
  { field: 'streamPositionSeconds', en: ['live stream position (seconds)', 'live stream position'], es: ['posicion de la transmision en vivo (segundos)', 'posicion de la emision en directo (segundos)', 'posicion en la transmision en vivo (segundos)'] },
  { field: 'concurrentViewers', en: ['concurrent viewers'], es: ['usuarios simultaneos', 'espectadores simultaneos', 'espectadores concurrentes'] },
  { field: 'avgConcurrentViewers', en: ['average concurrent viewers'], es: ['promedio de usuarios simultaneos', 'promedio de espectadores simultaneos', 'media de espectadores simultaneos', 'media de usuarios simultaneos'] },
  { field: 'chatMessages', en: ['live chat messages', 'chat messages'], es: ['mensajes del chat en vivo', 'mensajes de chat en directo', 'mensajes del chat en directo', 'mensajes de chat'] },
];

/** Meta's retention columns: one per interval (40 equal intervals). */
const retentionHeader = [
  /^porcentaje del total de (?:reproducciones|visualizaciones) en el intervalo (\d{1,3})$/,
  /^percent(?:age)? of (?:total )?(?:views|plays|video views) (?:at|in) (?:the )?interval (\d{1,3})$/,
];

const normaliseHeader = (header: string) => normaliseText(header.replace(/^\ufeff/, '').replace(/^["']|["']$/g, ''));

function buildAliasIndex(aliases: Alias[]): Map<string, { field: ImportField; lang: Language }> {
  const index = new Map<string, { field: ImportField; lang: Language }>();
  for (const alias of aliases) {
    for (const lang of ['en', 'es'] as const) for (const text of alias[lang]) index.set(normaliseText(text), { field: alias.field, lang });
  }
  return index;
}

const aliasIndexes: Record<MetricsImportFormat, Map<string, { field: ImportField; lang: Language }>> = {
  meta_video: buildAliasIndex(metaAliases),
  youtube_table: buildAliasIndex(youtubeTableAliases),
  youtube_live: buildAliasIndex(youtubeLiveAliases),
};


/** A recognised column of the file. */
export interface Column {
  index: number;
  header: string;
  field: ImportField;
}

function recognise(headers: string[], format: MetricsImportFormat) {
  const index = aliasIndexes[format];
  const columns: Column[] = [];
  const unrecognised: string[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let en = 0;
  let es = 0;
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    if (key === '') return;
    let field: ImportField | undefined;
    const alias = index.get(key);
    if (alias) {
      field = alias.field;
      if (alias.lang === 'en') en++;
      else es++;
    } else if (format === 'meta_video') {
      for (const [k, re] of retentionHeader.entries()) {
        const m = re.exec(key);
        if (m) {
          field = `retention.${Number(m[1])}`;
          if (k === 0) es++;
          else en++;
          break;
        }
      }
    }
    if (!field) {
      unrecognised.push(header.trim());
      return;
    }
    if (seen.has(field)) {
      duplicates.push(header.trim());
      return;
    }
    seen.add(field);
    columns.push({ index: i, header: header.trim(), field });
  });
  return { columns, unrecognised, duplicates, language: (es > en ? 'es' : 'en') as Language, fields: seen };
}

const metaMetricFields: ImportField[] = ['views3s', 'views15s', 'views1m', 'viewers3s', 'viewers1m', 'totalWatchSeconds', 'avgWatchSeconds', 'reach', 'interactions', 'reactions', 'comments', 'shares'];

/** The format whose columns the headers match best, with its columns; null when none matches. */
export function detectColumns(headers: string[]) {
  const candidates = metricsImportFormats.map((format) => ({ format, ...recognise(headers, format) }));
  const valid = candidates.filter(({ format, fields }) => {
    if (format === 'youtube_live') return fields.has('streamPositionSeconds') && fields.has('concurrentViewers');
    if (format === 'youtube_table') return fields.has('videoId') && (fields.has('plays') || fields.has('watchTimeHours') || fields.has('avgViewDuration'));
    return metaMetricFields.some((f) => fields.has(f)) || [...fields].some((f) => f.startsWith('retention.'));
  });
  valid.sort((a, b) => b.columns.length - a.columns.length);
  return valid[0] ?? null;
}
