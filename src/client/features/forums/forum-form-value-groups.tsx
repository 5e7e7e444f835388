import { Button, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { forumLimits, valueGroupKinds } from '../../../domain/forum';
import { NativeSelectField, TextField } from '../../ui/form-fields';
import { useRowList } from '../../ui/use-row-list';
import { ForumFormRow, ForumFormRowList } from './forum-form-row-list';
import { useForumFormContext } from './forum-form-values';

/** Value groups (grupos de valor) the forum is aimed at: internal or external, and a name. */
export function ForumFormValueGroups() {
  const { t } = useTranslation();
  const { control } = useForumFormContext();
  const { fields, append, ids, removeRow, listError } = useRowList({ control, name: 'valueGroups' });
  const kinds = valueGroupKinds.map((kind) => ({ value: kind, label: t(`forums.valueGroupKinds.${kind}`) }));

  return (
    <ForumFormRowList
      legend={t('forumForm.fields.valueGroups')}
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noValueGroups')}
      addLabel={t('forumForm.rows.addValueGroup')}
      onAdd={() => append({ kind: 'external', name: '' }, { focusName: `valueGroups.${fields.length}.name` })}
      error={listError}
      addId={ids.add}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.valueGroup', { n })}
            controls={
              <Button id={ids.remove(index)} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeValueGroup', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelectField control={control} name={`valueGroups.${index}.kind`} label={t('forumForm.rows.valueGroupKind')} data={kinds} />
              <TextField control={control} name={`valueGroups.${index}.name`} label={t('forumForm.rows.valueGroupName')} required style={{ gridColumn: 'span 2' }} />
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
