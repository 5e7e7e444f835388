import type { Forum } from './forum';
import { consultationChannelLabels, type Consultation } from './consultation';
import type { ConsultationTally } from './consultation-tally';
import { docFromParagraphs, emptyDoc, type RichDoc } from './rich-text';

/**
 * The text a new report's sections start with, drafted from the data; people then write them freely.
 */

const list = (items: string[]) => {
  const clean = items.map((i) => i.trim()).filter((i) => i !== '');
  if (clean.length <= 1) return clean.join('');
  return `${clean.slice(0, -1).join(', ')} y ${clean[clean.length - 1]}`;
};
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** A forum section: a paragraph with the objective, then the teams, allied entities, experts and place (each when known). */
export function prefillForumSection(forum: Pick<Forum, 'objective' | 'responsibleTeams' | 'alliedEntities' | 'experts' | 'place'>): RichDoc {
  const paragraphs: string[] = [];
  if (forum.objective.trim()) paragraphs.push(sentence(forum.objective.trim()));
  if (forum.responsibleTeams.length > 0) paragraphs.push(sentence(`Equipos responsables: ${forum.responsibleTeams.join('; ')}`));
  if (forum.alliedEntities.length > 0) paragraphs.push(sentence(`Entidades aliadas: ${forum.alliedEntities.join('; ')}`));
  if (forum.experts.length > 0) {
    const experts = forum.experts.map((e) => {
      const about = [e.role, e.organization].map((s) => s.trim()).filter((s) => s !== '');
      return about.length > 0 ? `${e.name} (${about.join(', ')})` : e.name;
    });
    paragraphs.push(sentence(`Expertos: ${experts.join('; ')}`));
  }
  if (forum.place.trim()) paragraphs.push(sentence(`Lugar: ${forum.place.trim()}`));
  return paragraphs.length > 0 ? docFromParagraphs(paragraphs) : emptyDoc();
}

/** The introduction: who held how many forums in the year, on which topics, within which strategy. */
export function prefillIntroduction(report: { entity: string; strategy: string }, year: number, forums: { theme: string; title: string }[]): RichDoc {
  if (forums.length === 0) return emptyDoc();
  const topics = list(forums.map((f) => f.theme || f.title));
  const count = forums.length === 1 ? 'un (1) foro virtual de participación' : `${forums.length} foros virtuales de participación`;
  const strategy = report.strategy.trim() ? `, los cuales hacen parte de la ${report.strategy.trim()}` : '';
  return docFromParagraphs([`El ${report.entity.trim()} realizó ${count} durante la vigencia ${year}: ${topics}${strategy}.`]);
}

/**
 * What the methodology needs of the year's consultation: the channels it was shared through, the responses by
 * value group and the topics chosen. The consultation feature (src/domain/consultation*.ts) fills it in.
 */
export interface MethodologyConsultation {
  channels: string[];
  responsesByValueGroup: { valueGroup: string; responses: number }[];
  chosenTopics: string[];
}

/** The methodology: from the year's consultation when there is one, else a generic text to adapt. */
export function prefillMethodology(consultation: MethodologyConsultation | null): RichDoc {
  if (!consultation) {
    return docFromParagraphs([
      'Se realizó un ejercicio de consulta ciudadana a través de un formulario web en el que se propusieron temas institucionales, socializado a los grupos de valor internos y externos por los canales de comunicación y divulgación oficiales. De allí salieron los temas a abordar en los foros.',
      'De acuerdo con cada tema se articularon las acciones antes, durante y después con las áreas encargadas de presentarlo. Cada foro contó con profesionales expertos que respondieron las preguntas de los participantes en la transmisión en vivo, del moderador y las recopiladas mediante formularios web, con base en preguntas orientadoras.',
    ]);
  }
  const paragraphs: string[] = [];
  const channels = list(consultation.channels);
  paragraphs.push(
    channels
      ? `Se realizó un ejercicio de consulta ciudadana para elegir los temas de los foros, socializado por los siguientes canales: ${channels}.`
      : 'Se realizó un ejercicio de consulta ciudadana para elegir los temas de los foros.',
  );
  const total = consultation.responsesByValueGroup.reduce((sum, g) => sum + g.responses, 0);
  if (consultation.responsesByValueGroup.length > 0) {
    const groups = list(consultation.responsesByValueGroup.map((g) => `${g.valueGroup}: ${g.responses.toLocaleString('es-CO')}`));
    paragraphs.push(`Se recibieron ${total.toLocaleString('es-CO')} respuestas de los grupos de valor (${groups}).`);
  }
  if (consultation.chosenTopics.length > 0) paragraphs.push(`Los temas elegidos fueron: ${list(consultation.chosenTopics)}.`);
  return docFromParagraphs(paragraphs);
}

const kindWords = { internal: 'interno', external: 'externo' } as const;

/** «Servidores (interno)», «Jóvenes (externo)», «Jóvenes» when the kind was not indicated, «grupo no indicado» for neither. */
function valueGroupName(g: ConsultationTally['byValueGroup'][number]): string {
  if (g.kind === 'unspecified') return g.group || 'grupo no indicado';
  return `${g.group || 'sin grupo indicado'} (${kindWords[g.kind]})`;
}

/**
 * What the methodology takes of a consultation and its tally: the channels it was shared through, the responses
 * per value group (internal / external) and the topics chosen (those that became forums; without any, the most
 * voted ones).
 */
export function methodologyFromConsultation(
  consultation: Pick<Consultation, 'channels' | 'topics' | 'forums'>,
  tally: Pick<ConsultationTally, 'byValueGroup' | 'byTopic'>,
): MethodologyConsultation {
  const chosenIds = new Set(consultation.forums.map((f) => f.topicId));
  let chosenTopics = consultation.topics.filter((t) => chosenIds.has(t.id)).map((t) => t.title);
  if (chosenTopics.length === 0) {
    chosenTopics = [...tally.byTopic]
      .filter((t) => t.votes > 0)
      .sort((a, b) => b.votes - a.votes)
      .slice(0, 3)
      .map((t) => t.title);
  }
  return {
    channels: consultation.channels.map((c) => consultationChannelLabels[c].toLowerCase()),
    responsesByValueGroup: tally.byValueGroup.map((g) => ({ valueGroup: valueGroupName(g), responses: g.responses })),
    chosenTopics,
  };
}
