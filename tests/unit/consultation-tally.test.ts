import { describe, expect, it } from 'vitest';
import { proposalKey, tallyConsultation, type TallyResponse } from '../../src/domain/consultation-tally';

const topics = [
  { id: 1, title: 'Políticas Públicas Poblacionales' },
  { id: 2, title: 'MIPG' },
  { id: 3, title: 'Causas Ciudadanas' },
];
let nextId = 1;
const r = (overrides: Partial<TallyResponse>): TallyResponse => ({
  id: nextId++,
  valueGroupKind: 'external',
  valueGroup: 'Ciudadanía',
  topicIds: [],
  proposedTopic: '',
  questions: [],
  channel: 'web',
  ...overrides,
});

describe('tallyConsultation', () => {
  it('counts votes per topic overall, internal/external and per channel, sorted by votes (ties in topic order)', () => {
    const tally = tallyConsultation({ topics }, [
      r({ topicIds: [2, 3], valueGroupKind: 'internal', valueGroup: 'Contratistas', channel: 'email' }),
      r({ topicIds: [2] }),
      r({ topicIds: [3], channel: 'social' }),
      r({ topicIds: [2], valueGroupKind: 'internal', valueGroup: 'contratistas ', channel: 'email' }),
    ]);
    expect(tally.totalResponses).toBe(4);
    expect(tally.byTopic.map((t) => [t.topicId, t.votes, t.internal, t.external])).toEqual([
      [2, 3, 2, 1],
      [3, 2, 1, 1],
      [1, 0, 0, 0],
    ]);
    expect(tally.byTopic[0].byChannel).toEqual({ web: 1, email: 2, social: 0, official: 0, other: 0, foros: 0 });
    expect(tally.byTopic[0].title).toBe('MIPG');
    expect(tally.byChannel).toEqual({ web: 1, email: 2, social: 1, official: 0, other: 0, foros: 0 });
    // Groups compare without case or surrounding spaces; the first wording names the group.
    expect(tally.byValueGroup).toEqual([
      { kind: 'external', group: 'Ciudadanía', responses: 2 },
      { kind: 'internal', group: 'Contratistas', responses: 2 },
    ]);
  });

  it('groups the free-text proposals by normalised text, with the most frequent wording, sorted by count', () => {
    const tally = tallyConsultation({ topics }, [
      r({ proposedTopic: 'Salud mental' }),
      r({ proposedTopic: 'salud mental.' }),
      r({ proposedTopic: '  SALUD MENTAL ' }),
      r({ proposedTopic: 'salud mental.' }),
      r({ proposedTopic: '¿Educación?' }),
      r({ proposedTopic: 'educacion' }),
      r({ proposedTopic: 'Deporte' }),
      r({ proposedTopic: '...' }),
    ]);
    expect(tally.proposals).toEqual([
      { key: 'salud mental', text: 'salud mental.', count: 4 },
      { key: 'educacion', text: '¿Educación?', count: 2 },
      { key: 'deporte', text: 'Deporte', count: 1 },
    ]);
    expect(proposalKey('  «Gobierno   Abierto»!! ')).toBe('gobierno abierto');
  });

  it('lists the questions with their response and topics, and ignores votes for unknown topics', () => {
    const a = r({ topicIds: [1, 99], questions: ['¿Cómo se aplica el enfoque diferencial?', '¿Hay ajustes razonables?'] });
    const tally = tallyConsultation({ topics }, [a, r({ topicIds: [3] })]);
    expect(tally.questions).toEqual([
      { responseId: a.id, text: '¿Cómo se aplica el enfoque diferencial?', topicIds: [1, 99] },
      { responseId: a.id, text: '¿Hay ajustes razonables?', topicIds: [1, 99] },
    ]);
    expect(tally.byTopic.reduce((n, t) => n + t.votes, 0)).toBe(2);
  });

  it('an empty consultation tallies to zeros', () => {
    const tally = tallyConsultation({ topics }, []);
    expect(tally).toMatchObject({ totalResponses: 0, byValueGroup: [], proposals: [], questions: [] });
    expect(tally.byTopic.map((t) => t.votes)).toEqual([0, 0, 0]);
  });

  it('tallies 100.000 responses, every vote counted', () => {
    const many: TallyResponse[] = Array.from({ length: 100_000 }, (_, i) =>
      r({ topicIds: [1 + (i % 3)], valueGroupKind: i % 2 ? 'internal' : 'external', valueGroup: `Grupo ${i % 7}`, proposedTopic: i % 10 === 0 ? `Tema ${i % 50}` : '', channel: 'web' }),
    );
    const tally = tallyConsultation({ topics }, many);
    expect(tally.byTopic.reduce((n, t) => n + t.votes, 0)).toBe(100_000);
    expect(tally.proposals).toHaveLength(5);
  });
});
