import { Input, SimpleGrid, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Controller, useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../domain/zoned-date';
import { useOrganizationTimeZone } from '../../app/use-current-user';
import { toFieldIssues } from '../../../domain/common';
import { questionChannels } from '../../../domain/forum';
import {
  answerChannels,
  questionCaseInputSchema,
  questionCaseIssues,
  questionStatuses,
  questionTypes,
  type Area,
  type QuestionCase,
  type QuestionCaseInput,
} from '../../../domain/question';
import type { RichDoc } from '../../../domain/rich-text';
import { formatDateTime } from '../../lib/format';
import { usePersonName } from '../../lib/use-person-name';
import { ConflictAlert } from '../../ui/conflict-alert';
import { SaveErrorAlert, ServerIssuesAlert } from '../../ui/save-alerts';
import { DateField } from '../../ui/date-field';
import { FormActionBar } from '../../ui/form-action-bar';
import { CheckboxField, NativeSelectField, TextareaField, TextField } from '../../ui/form-fields';
import { FormSection } from '../../ui/form-section';
import { LoadingState } from '../../ui/states';
import { useVersionedSave } from '../../ui/use-versioned-save';

const RichTextEditor = lazy(() => import('../../ui/rich-text/rich-text-editor').then((m) => ({ default: m.RichTextEditor })));

/** The form's values: the case's fields with the reception split into date and time, and selects as text. */
export interface QuestionFormValues {
  text: string;
  receivedDate: string;
  receivedTime: string;
  channel: string;
  type: string;
  areaId: string;
  assignee: string;
  status: string;
  answer: RichDoc;
  answeredAt: string | null;
  answeredBy: string;
  answerChannel: string;
  publishable: boolean;
  answeredLive: boolean;
}

export function toQuestionFormValues(q: QuestionCase): QuestionFormValues {
  return {
    text: q.text,
    receivedDate: q.receivedAt.slice(0, 10),
    receivedTime: q.receivedAt.slice(11, 16),
    channel: q.channel,
    type: q.type,
    areaId: q.areaId === null ? '' : String(q.areaId),
    assignee: q.assignee,
    status: q.status,
    answer: q.answer,
    answeredAt: q.answeredAt,
    answeredBy: q.answeredBy,
    answerChannel: q.answerChannel ?? '',
    publishable: q.publishable,
    answeredLive: q.answeredLive,
  };
}

function fromFormValues(v: QuestionFormValues) {
  return {
    text: v.text,
    receivedAt: `${v.receivedDate}T${v.receivedTime || '00:00'}`,
    channel: v.channel,
    type: v.type,
    areaId: v.areaId === '' ? null : Number(v.areaId),
    assignee: v.assignee,
    status: v.status,
    answer: v.answer,
    answeredAt: v.answeredAt || null,
    answeredBy: v.answeredBy,
    answerChannel: v.answerChannel === '' ? null : v.answerChannel,
    publishable: v.publishable,
    answeredLive: v.answeredLive,
  };
}

/** A domain path as the form's field name (the reception is two fields). */
const toFormPath = (path: string) => (path === 'receivedAt' ? 'receivedDate' : path);

/** The domain's schema and rules (the same the server applies), at the form's fields. */
function questionResolver(forumYear: number, today: () => string): Resolver<QuestionFormValues, unknown, QuestionCaseInput> {
  return async (values) => {
    const parsed = questionCaseInputSchema.safeParse(fromFormValues(values));
    const issues = parsed.success
      ? questionCaseIssues(parsed.data, { today: today(), forumYear }).map((i) => ({ path: i.path.join('.'), message: i.message }))
      : toFieldIssues(parsed.error);
    if (parsed.success && issues.length === 0) return { values: parsed.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of issues) {
      const name = toFormPath(issue.path.split('.')[0] ?? '');
      errors[name] ??= { type: 'rule', message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<QuestionFormValues> };
  };
}

const formFields = new Set(['text', 'receivedAt', 'channel', 'type', 'areaId', 'assignee', 'status', 'answer', 'answeredAt', 'answeredBy', 'answerChannel', 'publishable', 'answeredLive']);

export interface QuestionCaseFormProps {
  question: QuestionCase;
  areas: Area[];
  readOnly: boolean;
  save: (values: QuestionCaseInput, version: number | undefined) => Promise<QuestionCase>;
  onSaved: (q: QuestionCase) => void;
  onNewerVersion: (q: QuestionCase) => void;
}

/** The case editor: reception, assignment, the written answer with the report's editor; 409 and leaving guarded. */
export function QuestionCaseForm({ question, areas, readOnly, save, onSaved, onNewerVersion }: QuestionCaseFormProps) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const timeZone = useOrganizationTimeZone();
  const form = useForm<QuestionFormValues, unknown, QuestionCaseInput>({
    defaultValues: toQuestionFormValues(question),
    resolver: questionResolver(question.forumYear, () => todayIn(timeZone)),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, formState } = form;
  const { submit, conflict, serverIssues, saveError, saved, busy, errorCount, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave({
    form,
    initialVersion: question.version,
    save,
    onSaved,
    onNewerVersion,
    toValues: toQuestionFormValues,
    fieldIssues: (issues) => issues.filter((i) => formFields.has(i.path.split('.')[0] ?? '')).map((i) => ({ path: toFormPath(i.path.split('.')[0]!), message: i.message })),
    texts: {
      loaded: (current) => t('questions.detail.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }),
      confirmTitle: t('questions.detail.conflict.confirmTitle'),
      confirmMessage: t('questions.detail.conflict.confirmMessage'),
      confirmLoad: t('questions.detail.conflict.confirmLoad'),
      confirmCancel: t('questions.detail.conflict.confirmCancel'),
    },
  });
  const option = <T extends string>(values: readonly T[], group: 'statuses' | 'types' | 'channels' | 'answerChannels') => values.map((v) => ({ value: v, label: t(`questions.${group}.${v}` as 'questions.statuses.recibida') }));
  const editorKey = JSON.stringify(formState.defaultValues?.answer ?? null).length + (formState.defaultValues?.answeredAt ?? '');

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('questions.detail.formLabel')}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg" maw={1000}>
          {conflict && (
            <ConflictAlert
              title={t('questions.detail.conflict.title')}
              message={t('questions.detail.conflict.message', { who: personName(conflict.updatedBy), version: conflict.version, when: formatDateTime(conflict.updatedAt) })}
              loadLabel={t('questions.detail.conflict.load')}
              overwriteLabel={t('questions.detail.conflict.overwrite')}
              busy={busy}
              onLoad={loadCurrent}
              onOverwrite={overwrite}
              alertRef={alertRef}
            />
          )}
          {serverIssues.length > 0 && !conflict && (
            <ServerIssuesAlert title={t('questions.detail.invalid.title')} intro={t('questions.detail.invalid.server')} issues={serverIssues} alertRef={alertRef} />
          )}
          {saveError != null && (
            <SaveErrorAlert title={t('questions.detail.saveError.title')} error={saveError} kept={t('questions.detail.saveError.kept')} alertRef={alertRef} />
          )}
          <FormSection title={t('questions.detail.case')}>
            <TextareaField control={control} name="text" label={t('questions.detail.fields.text')} required autosize minRows={2} maxRows={8} />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              <DateField control={control} name="receivedDate" empty="" required label={t('questions.detail.fields.receivedDate')} />
              <TextField control={control} name="receivedTime" type="time" label={t('questions.detail.fields.receivedTime')} />
              <NativeSelectField control={control} name="channel" label={t('questions.detail.fields.channel')} data={option(questionChannels, 'channels')} />
              <NativeSelectField control={control} name="type" label={t('questions.detail.fields.type')} data={option(questionTypes, 'types')} />
            </SimpleGrid>
          </FormSection>
          <FormSection title={t('questions.detail.assignment')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelectField
                control={control}
                name="areaId"
                label={t('questions.detail.fields.areaId')}
                data={[{ value: '', label: t('questions.detail.noArea') }, ...areas.map((a) => ({ value: String(a.id), label: a.name }))]}
              />
              <TextField control={control} name="assignee" label={t('questions.detail.fields.assignee')} />
              <NativeSelectField control={control} name="status" label={t('questions.detail.fields.status')} data={option(questionStatuses, 'statuses')} />
            </SimpleGrid>
          </FormSection>
          <FormSection title={t('questions.detail.answer')}>
            <Controller
              control={control}
              name="answer"
              render={({ field, fieldState }) => (
                <Input.Wrapper label={t('questions.detail.fields.answer')} error={fieldState.error?.message} id="question-answer">
                  <Suspense fallback={<LoadingState />}>
                    <RichTextEditor key={editorKey} content={field.value} label={t('questions.detail.fields.answer')} editable={!readOnly} onChange={field.onChange} />
                  </Suspense>
                </Input.Wrapper>
              )}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <DateField control={control} name="answeredAt" label={t('questions.detail.fields.answeredAt')} />
              <TextField control={control} name="answeredBy" label={t('questions.detail.fields.answeredBy')} />
              <NativeSelectField
                control={control}
                name="answerChannel"
                label={t('questions.detail.fields.answerChannel')}
                data={[{ value: '', label: t('questions.detail.noAnswerChannel') }, ...option(answerChannels, 'answerChannels')]}
              />
            </SimpleGrid>
            <CheckboxField control={control} name="publishable" label={t('questions.detail.fields.publishable')} />
            <CheckboxField control={control} name="answeredLive" label={t('questions.detail.fields.answeredLive')} />
          </FormSection>
          {!readOnly && (
            <FormActionBar
              label={t('questions.detail.actionBar')}
              status={errorCount > 0 ? t('questions.detail.invalid.client', { count: errorCount }) : formState.isDirty && !saved ? t('unsaved.title') : ''}
              statusIsError={errorCount > 0}
              cancelTo="/preguntas"
              busy={busy}
            />
          )}
        </Stack>
      </fieldset>
      {guardDialog}
    </form>
  );
}
