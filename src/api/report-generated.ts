import type { ReportSection } from '../domain/report';
import type { GeneratedKind } from '../domain/report-sync';
import { toSection, yearCommitments, yearCommitmentsHash, yearEvaluation, yearFollowUp, yearQuestions, yearStatistics, type SectionRow } from '../db/report-queries';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The generated part of each generated section kind, read for a year as of `today` — always the API's clock
 * (deps.now, or the change's `now`), never the machine's: «vencidas hoy» and «vencidos» are then what a test sets.
 */

/** The hash of what a generated section of `kind` shows now (its approval is for this hash). */
export async function generatedHash(db: Db, year: number, kind: GeneratedKind, today: string): Promise<string> {
  switch (kind) {
    case 'statistics':
      return (await yearStatistics(db, year)).hash;
    case 'questions':
      return (await yearQuestions(db, year, today)).hash;
    // The same hashes as yearCommitments / yearFollowUp, without reading the rows (tests/api/report-sync-hash.test.ts).
    case 'commitments':
      return yearCommitmentsHash(db, year);
    case 'follow_up':
      return yearCommitmentsHash(db, year - 1, { openOnly: true });
    case 'evaluation':
      return (await yearEvaluation(db, year)).hash;
  }
}

/** A section with its generated part, if it has one. */
export async function sectionBody(db: Db, row: SectionRow, today: string): Promise<ReportSection> {
  const year = row.year;
  return toSection(row, row.kind === 'statistics' ? await yearStatistics(db, year) : null, {
    questions: row.kind === 'questions' ? await yearQuestions(db, year, today) : undefined,
    commitments: row.kind === 'commitments' ? await yearCommitments(db, year, today) : undefined,
    evaluation: row.kind === 'evaluation' ? await yearEvaluation(db, year) : undefined,
    followUp: row.kind === 'follow_up' ? await yearFollowUp(db, year, today) : undefined,
  });
}
