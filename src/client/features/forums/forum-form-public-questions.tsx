import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useId } from 'react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { forumLimits, questionChannels } from '../../../domain/forum';
import { ForumFormRow, ForumFormRowList, focusById } from './forum-form-row-list';
import { errorAt, useForumFormContext } from './forum-form-values';

/** Questions from the public: what was asked, through which channel, by whom, and how it was answered. */
export function ForumFormPublicQuestions() {
  const { t } = useTranslation();
  const { control, register, formState } = useForumFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'questions' });
  const idBase = useId();
  const errors = formState.errors;
  const channels = questionChannels.map((channel) => ({ value: channel, label: t(`forums.channels.${channel}`) }));

  const removeRow = (index: number) => {
    remove(index);
    focusById(index < fields.length - 1 ? `${idBase}-${index}-remove` : `${idBase}-add`);
  };

  return (
    <ForumFormRowList
      count={fields.length}
      max={forumLimits.questions}
      emptyText={t('forumForm.rows.noQuestions')}
      addLabel={t('forumForm.rows.addQuestion')}
      onAdd={() =>
        append(
          { text: '', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
          { focusName: `questions.${fields.length}.text` },
        )
      }
      error={errorAt(errors, 'questions') ?? errorAt(errors, 'questions.root')}
      addId={`${idBase}-add`}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        const path = `questions.${index}` as const;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.question', { n })}
            controls={
              <Button id={`${idBase}-${index}-remove`} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeQuestion', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <Textarea
              label={t('forumForm.rows.questionText')}
              required
              autosize
              minRows={2}
              maxRows={8}
              {...register(`${path}.text`)}
              error={errorAt(errors, `${path}.text`)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              <NativeSelect label={t('forumForm.rows.questionChannel')} data={channels} {...register(`${path}.channel`)} error={errorAt(errors, `${path}.channel`)} />
              <TextInput label={t('forumForm.rows.questionAskedBy')} {...register(`${path}.askedBy`)} error={errorAt(errors, `${path}.askedBy`)} />
              <TextInput label={t('forumForm.rows.questionAnsweredBy')} {...register(`${path}.answeredBy`)} error={errorAt(errors, `${path}.answeredBy`)} />
              <Group align="flex-end" pb={8}>
                <Controller
                  control={control}
                  name={`${path}.answered`}
                  render={({ field: answered }) => (
                    <Checkbox
                      label={t('forumForm.rows.questionAnswered')}
                      checked={answered.value}
                      onChange={(event) => answered.onChange(event.currentTarget.checked)}
                      onBlur={answered.onBlur}
                      ref={answered.ref}
                      name={answered.name}
                    />
                  )}
                />
              </Group>
            </SimpleGrid>
            <Textarea
              label={t('forumForm.rows.questionAnswerSummary')}
              autosize
              minRows={2}
              maxRows={10}
              {...register(`${path}.answerSummary`)}
              error={errorAt(errors, `${path}.answerSummary`)}
            />
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
