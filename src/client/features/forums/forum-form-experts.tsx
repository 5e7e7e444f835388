import { Button, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { forumLimits } from '../../../domain/forum';
import { TextField } from '../../ui/form-fields';
import { useRowList } from '../../ui/use-row-list';
import { ForumFormRow, ForumFormRowList } from './forum-form-row-list';
import { useForumFormContext } from './forum-form-values';

/** Experts (panelists): name, role, organisation. */
export function ForumFormExperts() {
  const { t } = useTranslation();
  const { control } = useForumFormContext();
  const { fields, append, ids, removeRow, listError } = useRowList({ control, name: 'experts' });

  return (
    <ForumFormRowList
      legend={t('forumForm.fields.experts')}
      count={fields.length}
      max={forumLimits.listItems}
      emptyText={t('forumForm.rows.noExperts')}
      addLabel={t('forumForm.rows.addExpert')}
      onAdd={() => append({ name: '', role: '', organization: '' })}
      error={listError}
      addId={ids.add}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.expert', { n })}
            controls={
              <Button id={ids.remove(index)} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeExpert', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
              <TextField control={control} name={`experts.${index}.name`} label={t('forumForm.rows.expertName')} required />
              <TextField control={control} name={`experts.${index}.role`} label={t('forumForm.rows.expertRole')} />
              <TextField control={control} name={`experts.${index}.organization`} label={t('forumForm.rows.expertOrganization')} />
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
