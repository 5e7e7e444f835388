import type { ForumMetricsInput } from '../domain/metrics';
import type { CommitmentsSectionData, EvaluationSectionData } from '../domain/report-accountability';
import type { QuestionsSectionData } from '../domain/report-questions';
import type { StatisticsResult } from '../domain/report-statistics';
import { buildReportDocument, type ExportForum, type ExportReport, type ExportSection, type ReportDocument } from './document-model';

/**
 * Everything the export needs, as GET /api/reports/:year/export-data answers it: the server's Word route and the
 * browser's «Descargar Word» button and print view start from this same object and the same functions.
 */
export interface ReportExportData {
  report: ExportReport;
  /** Full sections (with their rich text), in report order. */
  sections: ExportSection[];
  /** The year's forums, in date order. */
  forums: ExportForum[];
  /** Keyed by forum id (a JSON object: string keys). */
  metricsByForumId: Record<string, ForumMetricsInput | null>;
  statistics: StatisticsResult;
  /** The «Preguntas y respuestas» section's generated part (absent in reports published before it existed). */
  questions?: QuestionsSectionData | null;
  /** The accountability sections' generated parts (present only when the report has that section). */
  evaluation?: EvaluationSectionData | null;
  commitments?: CommitmentsSectionData | null;
  followUp?: CommitmentsSectionData | null;
  /** The organisation's IANA time zone, when it is not Bogotá's: the export's time is written in it. */
  timeZone?: string;
}

/** The document model of the data (the print view renders this). */
export function reportDocumentOf(data: ReportExportData, generatedAt: string): ReportDocument {
  const metricsByForumId: Record<number, ForumMetricsInput | null> = {};
  for (const [id, metrics] of Object.entries(data.metricsByForumId)) metricsByForumId[Number(id)] = metrics;
  return buildReportDocument({ report: data.report, sections: data.sections, forums: data.forums, metricsByForumId, statistics: data.statistics, questions: data.questions ?? null, evaluation: data.evaluation ?? null, commitments: data.commitments ?? null, followUp: data.followUp ?? null, generatedAt, timeZone: data.timeZone });
}

