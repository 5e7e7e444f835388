import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders, createQueryClient } from '../../src/client/app/providers';
import { SectionQuestions } from '../../src/client/features/reports/section-questions';
import { buildQuestionsSection } from '../../src/domain/report-questions';
import { docFromParagraphs } from '../../src/domain/rich-text';

const base = { forumId: 1, forumTitle: 'Foro de junio', dueDate: '2022-07-15', receivedAt: '2022-06-22T00:00', channel: 'web_form', answerChannel: 'email' } as const;
const data = buildQuestionsSection(
  [
    { ...base, id: 1, status: 'publicada', answeredAt: '2022-07-05', text: '¿Cuándo abren las inscripciones?', answer: docFromParagraphs(['En agosto.']), publishable: true },
    { ...base, id: 2, status: 'respondida', answeredAt: '2022-07-05', text: '¿Pregunta interna?', answer: docFromParagraphs(['No se publica.']), publishable: false },
  ],
  '2022-07-20',
);

describe('the «Preguntas y respuestas» section on the report page', () => {
  it('shows each published question with its answer, channel and dates, then the timeliness tables; nothing unpublished', () => {
    render(
      <AppProviders queryClient={createQueryClient()}>
        <SectionQuestions data={data} />
      </AppProviders>,
    );
    const card = screen.getByRole('article', { name: '¿Cuándo abren las inscripciones?' });
    expect(within(card).getByText('En agosto.')).toBeInTheDocument();
    expect(within(card).getByText(/Recibida por formulario web el 22 de junio de 2022; respondida el 5 de julio de 2022 \(correo electrónico\)\./)).toBeInTheDocument();
    expect(screen.queryByText('¿Pregunta interna?')).not.toBeInTheDocument();
    const total = screen.getByRole('table', { name: 'Total de la vigencia' });
    expect(within(total).getByRole('row', { name: 'Respondidas a tiempo 2' })).toBeInTheDocument();
  });
});
