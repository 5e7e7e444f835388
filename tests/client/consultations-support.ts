import { within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import { waitFor } from '@testing-library/react';
import type { createTestApi } from '../support/test-api';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** An open consultation of this year (period: the whole year) with three topics, created through the API. */
export async function createOpenConsultation(api: TestApi, overrides: Record<string, unknown> = {}) {
  const cookie = await api.login('editora');
  const year = new Date().getFullYear();
  const res = await api.call('POST', '/api/consultations', {
    cookie,
    body: {
      year,
      title: 'Consulta de prueba',
      openDate: `${year}-01-01`,
      closeDate: `${year}-12-31`,
      channels: ['web', 'email'],
      status: 'open',
      topics: [
        { title: 'Salud mental juvenil', description: 'Rutas de atención para jóvenes.', proposingTeam: 'Equipo psicosocial' },
        { title: 'Empleo y formación', description: '', proposingTeam: '' },
        { title: 'Presupuesto participativo', description: '', proposingTeam: '' },
      ],
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`create consultation: ${res.status} ${await res.text()}`);
  const consultation = (await res.json()) as { id: number; year: number; topics: { id: number; title: string }[]; openDate: string };
  const addResponse = async (body: Record<string, unknown>) => {
    const r = await api.call('POST', `/api/consultations/${consultation.id}/responses`, {
      cookie,
      body: { valueGroupKind: 'external', valueGroup: '', topicIds: [], proposedTopic: '', questions: [], channel: 'web', date: consultation.openDate, ...body },
    });
    if (r.status !== 201) throw new Error(`add response: ${r.status} ${await r.text()}`);
  };
  return { consultation, addResponse, cookie };
}

/** A Mantine Select option, picked as a person does (jsdom keeps the dropdown hidden: `hidden: true`). */
export async function choose(user: UserEvent, input: HTMLElement, option: string) {
  await user.click(input);
  await waitFor(() => expect(input).toHaveAttribute('data-expanded', 'true'));
  const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error('no listbox');
  await user.click(within(listbox).getByRole('option', { name: option, hidden: true }));
}
