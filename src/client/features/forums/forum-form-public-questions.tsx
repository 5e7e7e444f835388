import { Button, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { forumLimits, questionChannels } from '../../../domain/forum';
import { CheckboxField, NativeSelectField, TextareaField, TextField } from '../../ui/form-fields';
import { useRowList } from '../../ui/use-row-list';
import { ForumFormRow, ForumFormRowList } from './forum-form-row-list';
import { useForumFormContext } from './forum-form-values';

/** Questions from the public: what was asked, through which channel, by whom, and how it was answered. */
export function ForumFormPublicQuestions() {
  const { t } = useTranslation();
  const { control } = useForumFormContext();
  const { fields, append, ids, removeRow, listError } = useRowList({ control, name: 'questions' });
  const channels = questionChannels.map((channel) => ({ value: channel, label: t(`forums.channels.${channel}`) }));

  return (
    <ForumFormRowList
      count={fields.length}
      max={forumLimits.questions}
      emptyText={t('forumForm.rows.noQuestions')}
      addLabel={t('forumForm.rows.addQuestion')}
      onAdd={() =>
        append(
          { text: '', channel: 'live_chat', answered: false, answeredBy: '', answerSummary: '' },
          { focusName: `questions.${fields.length}.text` },
        )
      }
      error={listError}
      addId={ids.add}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        const path = `questions.${index}` as const;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.question', { n })}
            controls={
              <Button id={ids.remove(index)} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeQuestion', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <TextareaField control={control} name={`${path}.text`} label={t('forumForm.rows.questionText')} required autosize minRows={2} maxRows={8} />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              <NativeSelectField control={control} name={`${path}.channel`} label={t('forumForm.rows.questionChannel')} data={channels} />
              <TextField control={control} name={`${path}.answeredBy`} label={t('forumForm.rows.questionAnsweredBy')} />
              <Group align="flex-end" pb={8}>
                <CheckboxField control={control} name={`${path}.answered`} label={t('forumForm.rows.questionAnswered')} />
              </Group>
            </SimpleGrid>
            <TextareaField control={control} name={`${path}.answerSummary`} label={t('forumForm.rows.questionAnswerSummary')} autosize minRows={2} maxRows={10} />
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
