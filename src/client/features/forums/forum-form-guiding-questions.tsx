import { Button, Group, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { forumLimits } from '../../../domain/forum';
import { TextareaField } from '../../ui/form-fields';
import { useRowList } from '../../ui/use-row-list';
import { ForumFormRowList } from './forum-form-row-list';
import { useForumFormContext } from './forum-form-values';

/** Guiding questions, in the order they are asked: each can move up or down, or be removed. */
export function ForumFormGuidingQuestions() {
  const { t } = useTranslation();
  const { control } = useForumFormContext();
  const { fields, append, ids, removeRow, moveRow, last, listError } = useRowList({ control, name: 'guidingQuestions' });

  return (
    <ForumFormRowList
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noGuidingQuestions')}
      addLabel={t('forumForm.rows.addGuidingQuestion')}
      onAdd={() => append({ text: '' })}
      error={listError}
      addId={ids.add}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <Paper key={field.id} withBorder p="sm" radius="md" bg="gray.0">
            <TextareaField control={control} name={`guidingQuestions.${index}.text`} label={t('forumForm.rows.guidingQuestion', { n })} required autosize minRows={1} maxRows={6} />
            <Group justify="flex-end" gap="xs" mt="xs">
              <Button id={ids.up(index)} size="xs" variant="default" disabled={index === 0} onClick={() => moveRow(index, index - 1)} aria-label={t('forumForm.rows.moveUpGuidingQuestion', { n })}>
                {t('actions.moveUp')}
              </Button>
              <Button id={ids.down(index)} size="xs" variant="default" disabled={index === last} onClick={() => moveRow(index, index + 1)} aria-label={t('forumForm.rows.moveDownGuidingQuestion', { n })}>
                {t('actions.moveDown')}
              </Button>
              <Button id={ids.remove(index)} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeGuidingQuestion', { n })}>
                {t('actions.remove')}
              </Button>
            </Group>
          </Paper>
        );
      })}
    </ForumFormRowList>
  );
}
