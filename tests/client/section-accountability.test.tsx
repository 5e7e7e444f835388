import { render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppProviders, createQueryClient } from '../../src/client/app/providers';
import { loadFeatureCatalogs } from '../../src/client/i18n';
import { SectionCommitments, SectionEvaluation } from '../../src/client/features/reports/section-accountability';
import { buildCommitmentsSection, buildEvaluationSection } from '../../src/domain/report-accountability';

const commitments = buildCommitmentsSection(
  2023,
  [
    { id: 1, forumTitle: 'Foro A', text: 'Publicar la ruta de empleo', area: 'Formación', dueDate: '2023-07-15', status: 'pending', progress: 0 },
    { id: 2, forumTitle: 'Foro A', text: 'Abrir la mesa de jóvenes', area: 'Planeación', dueDate: '2023-09-30', status: 'in_progress', progress: 40 },
  ],
  '2023-08-01',
);
const evaluation = buildEvaluationSection(
  [
    { forumId: 1, forumTitle: 'Foro A' },
    { forumId: 2, forumTitle: 'Foro B' },
  ],
  [
    { forumId: 1, scores: { clarity: 5, usefulness: 4, participation: 5, answers: 5, format: 5 }, comment: 'Muy útil; llámenme al 3001234567' },
    { forumId: 1, scores: { clarity: 4, usefulness: 2, participation: 4, answers: 4, format: 4 }, comment: '' },
  ],
);

const wrap = (node: React.ReactNode) => render(<AppProviders queryClient={createQueryClient()}>{node}</AppProviders>);

describe('the accountability sections on the report page', () => {
  beforeAll(() => loadFeatureCatalogs());
  it('«Compromisos»: the counts, then each forum’s commitments with area, due date, status and progress', () => {
    wrap(<SectionCommitments data={commitments} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Compromisos generados de la vigencia' })).toBeInTheDocument();
    const figures = screen.getByRole('table', { name: 'Compromisos de la vigencia 2023 por estado' });
    expect(within(figures).getByRole('row', { name: 'Vencidos sin cumplir (hoy) 1' })).toBeInTheDocument();
    const list = screen.getByRole('table', { name: 'Compromisos — Foro A' });
    expect(within(list).getByRole('row', { name: 'Publicar la ruta de empleo Formación 15/07/2023 Vencido 0 %' })).toBeInTheDocument();
  });

  it('«Seguimiento a compromisos» says so when nothing of last year is open', () => {
    wrap(<SectionCommitments data={buildCommitmentsSection(2022, [], '2023-08-01')} followUp />);
    expect(screen.getByRole('heading', { level: 2, name: 'Compromisos de la vigencia anterior que siguen abiertos' })).toBeInTheDocument();
    expect(screen.getByText('Ningún compromiso de la vigencia 2022 sigue abierto.')).toBeInTheDocument();
  });

  it('«Evaluación de los foros»: per forum its index, the tally per question and its comments without personal data', () => {
    wrap(<SectionEvaluation data={evaluation} />);
    expect(within(screen.getByRole('table', { name: 'Evaluación — Foro A' })).getByRole('row', { name: 'Índice de satisfacción (respuestas 4 y 5) 90 %' })).toBeInTheDocument();
    const tally = screen.getByRole('table', { name: 'Respuestas por pregunta — Foro A' });
    expect(within(tally).getByRole('row', { name: '¿El tema le resultó útil? 0 1 0 1 0 3 50 %' })).toBeInTheDocument();
    expect(screen.getByText('«Muy útil; llámenme al [dato omitido]»')).toBeInTheDocument();
    expect(screen.getByText('No se registraron respuestas de la encuesta de evaluación de este foro.')).toBeInTheDocument();
  });
});
