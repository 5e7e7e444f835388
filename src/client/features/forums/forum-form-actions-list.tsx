import { Button, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { actionPhases, forumLimits } from '../../../domain/forum';
import { CheckboxField, NativeSelectField, TextField } from '../../ui/form-fields';
import { useRowList } from '../../ui/use-row-list';
import { ForumFormRow, ForumFormRowList } from './forum-form-row-list';
import { useForumFormContext } from './forum-form-values';

/** Actions before, during and after the forum, each with whether it was done. */
export function ForumFormActionsList() {
  const { t } = useTranslation();
  const { control, getValues } = useForumFormContext();
  const { fields, append, ids, removeRow, listError } = useRowList({ control, name: 'actions' });
  const phases = actionPhases.map((phase) => ({ value: phase, label: t(`forums.phases.${phase}`) }));

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
      error={listError}
      addId={ids.add}
    >
      {fields.map((field, index) => {
        const n = index + 1;
        return (
          <ForumFormRow
            key={field.id}
            legend={t('forumForm.rows.action', { n })}
            controls={
              <Button id={ids.remove(index)} size="xs" variant="default" onClick={() => removeRow(index)} aria-label={t('forumForm.rows.removeAction', { n })}>
                {t('actions.remove')}
              </Button>
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
              <NativeSelectField control={control} name={`actions.${index}.phase`} label={t('forumForm.rows.actionPhase')} data={phases} />
              <TextField control={control} name={`actions.${index}.text`} label={t('forumForm.rows.actionText')} required style={{ gridColumn: 'span 2' }} />
              <Group align="flex-end" pb={8}>
                <CheckboxField control={control} name={`actions.${index}.done`} label={t('forumForm.rows.actionDone')} />
              </Group>
            </SimpleGrid>
          </ForumFormRow>
        );
      })}
    </ForumFormRowList>
  );
}
