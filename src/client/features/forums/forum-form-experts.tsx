import { Button, SimpleGrid, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { forumLimits } from '../../../domain/forum';
import { ForumFormRow, ForumFormRowList, focusById } from './forum-form-row-list';
import { errorAt, useForumFormContext } from './forum-form-values';

/** Experts (panelists): name, role, organisation. */
export function ForumFormExperts() {
  const { t } = useTranslation();
  const { control, register, formState } = useForumFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'experts' });
  const idBase = useId();
  const errors = formState.errors;

  const removeRow = (index: number) => {
    remove(index);
    // Focus the next row's remove button, or the add button when it was the last row.
    focusById(index < fields.length - 1 ? `${idBase}-${index}-remove` : `${idBase}-add`);
  };

  return (
    <ForumFormRowList
      legend={t('forumForm.fields.experts')}
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noExperts')}
      addLabel={t('forumForm.rows.addExpert')}
      onAdd={() => append({ name: '', role: '', organization: '' })}
      error={errorAt(errors, 'experts') ?? errorAt(errors, 'experts.root')}
      addId={`${idBase}-add`}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.expert', { n })}
            controls={
              <Button id={`${idBase}-${index}-remove`} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeExpert', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
              <TextInput label={t('forumForm.rows.expertName')} required {...register(`experts.${index}.name`)} error={errorAt(errors, `experts.${index}.name`)} />
              <TextInput label={t('forumForm.rows.expertRole')} {...register(`experts.${index}.role`)} error={errorAt(errors, `experts.${index}.role`)} />
              <TextInput
                label={t('forumForm.rows.expertOrganization')}
                {...register(`experts.${index}.organization`)}
                error={errorAt(errors, `experts.${index}.organization`)}
              />
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
