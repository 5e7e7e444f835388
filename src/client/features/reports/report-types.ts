/** The report API's shapes, from the domain (src/domain/report.ts), under the names the client uses. */
import type { RichDoc } from '../../../domain/rich-text';

export type {
  ReportInput as ReportDataInput,
  ReportListItem,
  ReportOverview,
  ReportSection,
  ReportSectionSummary as SectionSummary,
  SectionComment as ReportComment,
  SectionDiff as ReportDiff,
  SectionKind,
  SectionRevisionSummary as ReportRevision,
  SectionState,
} from '../../../domain/report';
export type { StatisticsBlock, StatisticsRow } from '../../../domain/report-statistics';
export type { RichDoc };

/** PUT /api/reports/:year/sections/:id (recommendations only for that kind). */
export interface SectionSaveBody {
  title: string;
  content: RichDoc;
  recommendations?: string[];
  version: number;
}
