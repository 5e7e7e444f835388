import type { VoteBurst } from './vote-bursts';
import { consultationChannels, type ConsultationChannel, type ResponseChannel, type ResponseValueGroupKind } from './consultation';

/**
 * The tally of a consultation: votes per topic (overall, internal/external and per channel), responses per
 * value group and channel, the free-text proposals grouped for reading, and the questions people sent.
 * Pure and linear in the responses: 100.000 responses in a few tens of milliseconds.
 */

export interface TallyTopic {
  topicId: number;
  title: string;
  votes: number;
  internal: number;
  external: number;
  /** Votes of responses whose value group was not indicated. */
  unspecified: number;
  byChannel: Record<ConsultationChannel, number>;
}

export interface TallyValueGroup {
  kind: ResponseValueGroupKind;
  group: string;
  responses: number;
}

export interface TallyProposal {
  /** The normalised text the proposals were grouped by. */
  key: string;
  /** The most frequent wording of the group (the first one seen on a tie). */
  text: string;
  count: number;
}

export interface TallyQuestion {
  responseId: number;
  text: string;
  topicIds: number[];
}

export interface ConsultationTally {
  totalResponses: number;
  byTopic: TallyTopic[];
  byValueGroup: TallyValueGroup[];
  byChannel: Record<ConsultationChannel, number>;
  proposals: TallyProposal[];
  questions: TallyQuestion[];
  /** Suspicious bursts of web votes (the tally route adds them; see vote-bursts.ts). */
  webBursts?: VoteBurst[];
}

/** What the tally reads of a response. */
export interface TallyResponse {
  id: number;
  valueGroupKind: ResponseValueGroupKind;
  valueGroup: string;
  topicIds: number[];
  proposedTopic: string;
  questions: string[];
  channel: ResponseChannel;
}

const zeroChannels = (): Record<ConsultationChannel, number> => {
  const counts = {} as Record<ConsultationChannel, number>;
  for (const channel of consultationChannels) counts[channel] = 0;
  return counts;
};

/** How proposals are grouped: lower case, no accents, punctuation trimmed off both ends, single spaces. */
export function proposalKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

const collator = new Intl.Collator('es', { sensitivity: 'base' });

export function tallyConsultation(consultation: { topics: { id: number; title: string }[] }, responses: readonly TallyResponse[]): ConsultationTally {
  const topics = new Map<number, TallyTopic>();
  const order = new Map<number, number>();
  consultation.topics.forEach((topic, i) => {
    topics.set(topic.id, { topicId: topic.id, title: topic.title, votes: 0, internal: 0, external: 0, unspecified: 0, byChannel: zeroChannels() });
    order.set(topic.id, i);
  });
  const byChannel = zeroChannels();
  const groups = new Map<string, TallyValueGroup>();
  const proposals = new Map<string, { key: string; count: number; wordings: Map<string, number> }>();
  const questions: TallyQuestion[] = [];

  for (const response of responses) {
    const channel = response.channel in byChannel ? response.channel : 'other';
    byChannel[channel]++;
    for (const id of response.topicIds) {
      const topic = topics.get(id);
      if (!topic) continue;
      topic.votes++;
      if (response.valueGroupKind === 'internal') topic.internal++;
      else if (response.valueGroupKind === 'unspecified') topic.unspecified++;
      else topic.external++;
      topic.byChannel[channel]++;
    }
    const group = response.valueGroup.trim();
    const groupKey = `${response.valueGroupKind}\u0000${group.toLowerCase()}`;
    const counted = groups.get(groupKey);
    if (counted) counted.responses++;
    else groups.set(groupKey, { kind: response.valueGroupKind, group, responses: 1 });

    const proposed = response.proposedTopic.trim();
    if (proposed) {
      const key = proposalKey(proposed);
      if (key) {
        let entry = proposals.get(key);
        if (!entry) proposals.set(key, (entry = { key, count: 0, wordings: new Map() }));
        entry.count++;
        entry.wordings.set(proposed, (entry.wordings.get(proposed) ?? 0) + 1);
      }
    }
    for (const text of response.questions) questions.push({ responseId: response.id, text, topicIds: response.topicIds });
  }

  return {
    totalResponses: responses.length,
    byTopic: [...topics.values()].sort((a, b) => b.votes - a.votes || order.get(a.topicId)! - order.get(b.topicId)!),
    byValueGroup: [...groups.values()].sort((a, b) => b.responses - a.responses || a.kind.localeCompare(b.kind) || collator.compare(a.group, b.group)),
    byChannel,
    proposals: [...proposals.values()]
      .map(({ key, count, wordings }) => {
        let text = '';
        let best = 0;
        for (const [wording, n] of wordings) if (n > best) [text, best] = [wording, n];
        return { key, text, count };
      })
      .sort((a, b) => b.count - a.count || collator.compare(a.key, b.key)),
    questions,
  };
}
