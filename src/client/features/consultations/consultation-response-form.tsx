import { Alert, Button, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toFieldIssues, type FieldIssue } from '../../../domain/common';
import { consultationChannels, responseInputSchema, validateResponse, type Consultation, type ConsultationChannel, type ResponseInput } from '../../../domain/consultation';
import type { ResponseValueGroupKind } from '../../../domain/consultation';
import { useToday } from '../../app/use-current-user';
import { ApiError, errorMessage } from '../../lib/http';
import { useAddResponse } from './api';
import { DateInputField } from '../../ui/date-field';

type Field = 'valueGroupKind' | 'valueGroup' | 'topicIds' | 'proposedTopic' | 'questions' | 'channel' | 'date' | 'late';
const fields = new Set<string>(['valueGroupKind', 'valueGroup', 'topicIds', 'proposedTopic', 'questions', 'channel', 'date', 'late']);

/** Problems by field (a path `topicIds.2` belongs to `topicIds`); the rest (path '') stay general. */
function byField(issues: FieldIssue[]): { at: Partial<Record<Field, string>>; general: string[] } {
  const at: Partial<Record<Field, string>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[0];
    if (fields.has(field)) at[field as Field] ??= issue.message;
    else general.push(issue.message);
  }
  return { at, general };
}

/**
 * One response typed by hand: the domain schema and the response rules (a topic or a proposal, the topics of
 * this consultation, the date within the period unless late) say what is wrong at each field.
 */
export function ConsultationResponseForm({ consultation, onDone, onCancel }: { consultation: Consultation; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const add = useAddResponse(consultation.id);
  const today = useToday();
  const defaultDate = today < consultation.openDate ? consultation.openDate : today > consultation.closeDate ? consultation.closeDate : today;
  const [kind, setKind] = useState<ResponseValueGroupKind>('external');
  const [group, setGroup] = useState('');
  const [topicIds, setTopicIds] = useState<string[]>([]);
  const [proposedTopic, setProposedTopic] = useState('');
  const [questions, setQuestions] = useState('');
  const [channel, setChannel] = useState<ConsultationChannel>(consultation.channels[0] ?? 'web');
  const [date, setDate] = useState(defaultDate);
  const [late, setLate] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstInvalid = () => setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid-group] input')?.focus(), 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: ResponseInput = {
      valueGroupKind: kind,
      valueGroup: group.trim(),
      topicIds: topicIds.map(Number),
      proposedTopic: proposedTopic.trim(),
      questions: questions
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
      channel,
      date,
      late,
    };
    const parsed = responseInputSchema.safeParse(input);
    const issues = parsed.success ? validateResponse(parsed.data, consultation, { checkStatus: false }) : toFieldIssues(parsed.error);
    if (issues.length > 0) {
      const split = byField(issues);
      setErrors(split.at);
      setGeneral(split.general);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setGeneral([]);
    try {
      await add.mutateAsync(input);
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.errors.length > 0) {
        const split = byField(error.errors);
        setErrors(split.at);
        setGeneral(split.general);
        focusFirstInvalid();
      } else setGeneral([errorMessage(error)]);
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate aria-label={t('consultations.responses.form.label')}>
      <Stack gap="sm">
        {general.length > 0 && (
          <Alert color="red" role="alert" title={t('consultations.responses.form.rules')}>
            {general.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Radio.Group label={t('consultations.responses.form.kind')} value={kind} onChange={(value) => setKind(value as ResponseValueGroupKind)} error={errors.valueGroupKind} required>
            <Group gap="md" mt={4}>
              <Radio value="internal" label={t('consultations.kinds.internal')} />
              <Radio value="external" label={t('consultations.kinds.external')} />
              <Radio value="unspecified" label={t('consultations.kinds.unspecified')} />
            </Group>
          </Radio.Group>
          <TextInput label={t('consultations.responses.form.group')} description={t('consultations.responses.form.groupHint')} value={group} onChange={(e) => setGroup(e.currentTarget.value)} error={errors.valueGroup} />
        </SimpleGrid>
        <Checkbox.Group
          label={t('consultations.responses.form.topics')}
          description={t('consultations.responses.form.topicsHint')}
          value={topicIds}
          onChange={(value) => {
            setTopicIds(value);
            setErrors((e) => ({ ...e, topicIds: undefined }));
          }}
          error={errors.topicIds}
          {...(errors.topicIds ? { 'data-invalid-group': true } : {})}
        >
          <Stack gap={6} mt={4}>
            {consultation.topics.map((topic) => (
              <Checkbox key={topic.id} value={String(topic.id)} label={topic.title} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t('consultations.responses.form.proposedTopic')}
          description={t('consultations.responses.form.proposedTopicHint')}
          autosize
          minRows={2}
          value={proposedTopic}
          onChange={(e) => {
            setProposedTopic(e.currentTarget.value);
            setErrors((prev) => ({ ...prev, topicIds: undefined }));
          }}
          error={errors.proposedTopic}
        />
        <Textarea label={t('consultations.responses.form.questions')} description={t('consultations.responses.form.questionsHint')} autosize minRows={2} value={questions} onChange={(e) => setQuestions(e.currentTarget.value)} error={errors.questions} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('consultations.responses.form.channel')}
            data={consultationChannels.map((value) => ({ value, label: t(`consultations.channels.${value}`) }))}
            value={channel}
            onChange={(value) => value && setChannel(value as ConsultationChannel)}
            allowDeselect={false}
            error={errors.channel}
            required
          />
          <DateInputField label={t('consultations.responses.form.date')} value={date} onChange={(value) => setDate(value ?? '')} error={errors.date} required />
        </SimpleGrid>
        <Checkbox label={t('consultations.responses.late')} checked={late} onChange={(e) => setLate(e.currentTarget.checked)} error={errors.late} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('consultations.responses.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
