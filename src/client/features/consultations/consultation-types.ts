import type {
  Consultation,
  ConsultationChannel,
  ConsultationInput,
  ConsultationResponse,
  ConsultationResponsePage,
  ConsultationSummary,
  ResponseInput,
  ResponseValueGroupKind,
} from '../../../domain/consultation';
import type { ConsultationImportResult, ImportColumnRole, LateMode } from '../../../domain/consultation-import';
import type { ConsultationTally } from '../../../domain/consultation-tally';

/** The API's shapes, as the client uses them (all from the domain). */
export type { Consultation, ConsultationResponse, ConsultationResponsePage, ConsultationImportResult, ConsultationTally, ImportColumnRole, LateMode };
export type ConsultationListItem = ConsultationSummary;
export type ConsultationWrite = ConsultationInput;
export type ResponseWrite = ResponseInput;

export interface ConsultationResponsesQuery {
  page?: number;
  pageSize?: number;
  topicId?: number;
  valueGroupKind?: ResponseValueGroupKind;
  channel?: ConsultationChannel;
}
