import { Button, Checkbox, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useId } from 'react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { actionPhases, forumLimits } from '../../../domain/forum';
import { ForumFormRow, ForumFormRowList, focusById } from './forum-form-row-list';
import { errorAt, useForumFormContext } from './forum-form-values';

/** Actions before, during and after the forum, each with whether it was done. */
export function ForumFormActionsList() {
  const { t } = useTranslation();
  const { control, register, formState, getValues } = useForumFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'actions' });
  const idBase = useId();
  const errors = formState.errors;
  const phases = actionPhases.map((phase) => ({ value: phase, label: t(`forums.phases.${phase}`) }));

  const removeRow = (index: number) => {
    remove(index);
    focusById(index < fields.length - 1 ? `${idBase}-${index}-remove` : `${idBase}-add`);
  };

  return (
    <ForumFormRowList
      count={fields.length}
      max={forumLimits.listItems * 3}
      emptyText={t('forumForm.rows.noActions')}
      addLabel={t('forumForm.rows.addAction')}
      onAdd={() => {
        // A new action continues the phase of the last one (they are usually entered in order).
        const phase = getValues('actions').at(-1)?.phase ?? 'before';
        append({ phase, text: '', done: false }, { focusName: `actions.${fields.length}.text` });
      }}
      error={errorAt(errors, 'actions') ?? errorAt(errors, 'actions.root')}
      addId={`${idBase}-add`}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.action', { n })}
            controls={
              <Button id={`${idBase}-${index}-remove`} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeAction', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
              <NativeSelect label={t('forumForm.rows.actionPhase')} data={phases} {...register(`actions.${index}.phase`)} error={errorAt(errors, `actions.${index}.phase`)} />
              <TextInput
                label={t('forumForm.rows.actionText')}
                required
                style={{ gridColumn: 'span 2' }}
                {...register(`actions.${index}.text`)}
                error={errorAt(errors, `actions.${index}.text`)}
              />
              <Group align="flex-end" pb={8}>
                <Controller
                  control={control}
                  name={`actions.${index}.done`}
                  render={({ field: done }) => (
                    <Checkbox
                      label={t('forumForm.rows.actionDone')}
                      checked={done.value}
                      onChange={(event) => done.onChange(event.currentTarget.checked)}
                      onBlur={done.onBlur}
                      ref={done.ref}
                      name={done.name}
                    />
                  )}
                />
              </Group>
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
