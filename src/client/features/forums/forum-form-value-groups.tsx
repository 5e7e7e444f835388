import { Button, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { forumLimits, valueGroupKinds } from '../../../domain/forum';
import { ForumFormRow, ForumFormRowList, focusById } from './forum-form-row-list';
import { errorAt, useForumFormContext } from './forum-form-values';

/** Value groups (grupos de valor) the forum is aimed at: internal or external, and a name. */
export function ForumFormValueGroups() {
  const { t } = useTranslation();
  const { control, register, formState } = useForumFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'valueGroups' });
  const idBase = useId();
  const errors = formState.errors;
  const kinds = valueGroupKinds.map((kind) => ({ value: kind, label: t(`forums.valueGroupKinds.${kind}`) }));

  const removeRow = (index: number) => {
    remove(index);
    focusById(index < fields.length - 1 ? `${idBase}-${index}-remove` : `${idBase}-add`);
  };

  return (
    <ForumFormRowList
      legend={t('forumForm.fields.valueGroups')}
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noValueGroups')}
      addLabel={t('forumForm.rows.addValueGroup')}
      onAdd={() => append({ kind: 'external', name: '' }, { focusName: `valueGroups.${fields.length}.name` })}
      error={errorAt(errors, 'valueGroups') ?? errorAt(errors, 'valueGroups.root')}
      addId={`${idBase}-add`}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.valueGroup', { n })}
            controls={
              <Button id={`${idBase}-${index}-remove`} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeValueGroup', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelect label={t('forumForm.rows.valueGroupKind')} data={kinds} {...register(`valueGroups.${index}.kind`)} error={errorAt(errors, `valueGroups.${index}.kind`)} />
              <TextInput
                label={t('forumForm.rows.valueGroupName')}
                required
                style={{ gridColumn: 'span 2' }}
                {...register(`valueGroups.${index}.name`)}
                error={errorAt(errors, `valueGroups.${index}.name`)}
              />
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
