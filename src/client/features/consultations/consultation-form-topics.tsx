import { Button, Fieldset, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Control, FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { consultationLimits, type ConsultationInput } from '../../../domain/consultation';
import { useRowList } from '../../ui/use-row-list';
import type { ConsultationFormValues } from './consultation-form';

interface ConsultationFormTopicsProps {
  control: Control<ConsultationFormValues, unknown, ConsultationInput>;
  register: UseFormRegister<ConsultationFormValues>;
  errors: FieldErrors<ConsultationFormValues>;
}

/** The candidate topics as rows: add, remove, move up and down. A saved topic keeps its id (and its votes). */
export function ConsultationFormTopics({ control, register, errors }: ConsultationFormTopicsProps) {
  const { t } = useTranslation();
  // keyName 'key': the topics' own `id` stays in the values.
  const { fields, addRow, ids, removeRow, moveRow, last, listError } = useRowList({ control, name: 'topics', keyName: 'key' });
  const full = fields.length >= consultationLimits.topics;

  return (
    <Stack gap="sm">
      {fields.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('consultations.form.topic.empty')}
        </Text>
      )}
      {fields.map((field, index) => {
        const n = index + 1;
        const rowErrors = errors.topics?.[index];
        return (
          <Fieldset key={field.key} legend={t('consultations.form.topic.legend', { n })} variant="filled" radius="md" p="sm">
            <Stack gap="xs">
              <TextInput id={ids.first(index)} label={t('consultations.form.topic.title')} required {...register(`topics.${index}.title`)} error={rowErrors?.title?.message} />
              <Textarea label={t('consultations.form.topic.description')} autosize minRows={2} maxRows={8} {...register(`topics.${index}.description`)} error={rowErrors?.description?.message} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('consultations.form.topic.proposingTeam')} {...register(`topics.${index}.proposingTeam`)} error={rowErrors?.proposingTeam?.message} />
              </SimpleGrid>
              <Group justify="flex-end" gap="xs">
                <Button id={ids.up(index)} variant="default" size="xs" disabled={index === 0} aria-label={t('consultations.form.topic.moveUp', { n })} onClick={() => moveRow(index, index - 1)}>
                  {t('actions.moveUp')}
                </Button>
                <Button id={ids.down(index)} variant="default" size="xs" disabled={index === last} aria-label={t('consultations.form.topic.moveDown', { n })} onClick={() => moveRow(index, index + 1)}>
                  {t('actions.moveDown')}
                </Button>
                <Button id={ids.remove(index)} variant="outline" color="red.9" size="xs" aria-label={t('consultations.form.topic.remove', { n })} onClick={() => removeRow(index)}>
                  {t('actions.remove')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      {listError && (
        <Text c="red.9" size="sm" role="alert">
          {listError}
        </Text>
      )}
      <Group>
        <Button id={ids.add} variant="outline" disabled={full} onClick={() => addRow({ title: '', description: '', proposingTeam: '' })}>
          {t('consultations.form.topic.add')}
        </Button>
      </Group>
    </Stack>
  );
}
