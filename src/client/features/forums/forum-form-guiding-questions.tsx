import { Button, Group, Paper, Textarea } from '@mantine/core';
import { useId } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { forumLimits } from '../../../domain/forum';
import { ForumFormRowList, focusById } from './forum-form-row-list';
import { errorAt, useForumFormContext } from './forum-form-values';

/** Guiding questions, in the order they are asked: each can move up or down, or be removed. */
export function ForumFormGuidingQuestions() {
  const { t } = useTranslation();
  const { control, register, formState } = useForumFormContext();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'guidingQuestions' });
  const idBase = useId();
  const errors = formState.errors;
  const last = fields.length - 1;

  const removeRow = (index: number) => {
    remove(index);
    focusById(index < last ? `${idBase}-${index}-remove` : `${idBase}-add`);
  };

  /** Moves a row and keeps focus on the button that moved it (or its twin, when it reached an end). */
  const moveRow = (from: number, to: number) => {
    move(from, to);
    const direction = to === 0 ? 'down' : to === last ? 'up' : to < from ? 'up' : 'down';
    focusById(`${idBase}-${to}-${direction}`);
  };

  return (
    <ForumFormRowList
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noGuidingQuestions')}
      addLabel={t('forumForm.rows.addGuidingQuestion')}
      onAdd={() => append({ text: '' })}
      error={errorAt(errors, 'guidingQuestions') ?? errorAt(errors, 'guidingQuestions.root')}
      addId={`${idBase}-add`}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <Paper key={field.id} withBorder p="sm" radius="md" bg="gray.0">
            <Textarea
              label={t('forumForm.rows.guidingQuestion', { n })}
              required
              autosize
              minRows={1}
              maxRows={6}
              {...register(`guidingQuestions.${index}.text`)}
              error={errorAt(errors, `guidingQuestions.${index}.text`)}
            />
            <Group justify="flex-end" gap="xs" mt="xs">
              <Button
                id={`${idBase}-${index}-up`}
                size="xs"
                variant="default"
                disabled={index === 0}
                onClick={() => moveRow(index, index - 1)}
                aria-label={t('forumForm.rows.moveUpGuidingQuestion', { n })}
              >
                {t('actions.moveUp')}
              </Button>
              <Button
                id={`${idBase}-${index}-down`}
                size="xs"
                variant="default"
                disabled={index === last}
                onClick={() => moveRow(index, index + 1)}
                aria-label={t('forumForm.rows.moveDownGuidingQuestion', { n })}
              >
                {t('actions.moveDown')}
              </Button>
              <Button
                id={`${idBase}-${index}-remove`}
                size="xs"
                variant="default"
                onClick={() => removeRow(index)}
                aria-label={t('forumForm.rows.removeGuidingQuestion', { n })}
              >
                {t('actions.remove')}
              </Button>
            </Group>
          </Paper>
        );
      })}
    </ForumFormRowList>
  );
}
