import { Box, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMemo, type Ref } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { defaultTimeZone } from '../../../domain/organization-admin';
import { FormSection } from '../../ui/form-section';
import { SaveErrorAlert, ServerIssuesAlert } from '../../ui/save-alerts';

/** What both organisation forms (new, edit) hold of the organisation itself. */
export interface OrganizationFieldValues {
  name: string;
  acronym: string;
  nit: string;
  slug: string;
  timeZone: string;
  colors: { primary: string; secondary: string };
}

/** The IANA time zones this browser knows, America's first (where the entities are), and UTC (the server takes the same). */
function timeZoneOptions(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [defaultTimeZone];
  const all = new Set([defaultTimeZone, current, ...known.filter((zone) => zone.startsWith('America/')), ...known, 'UTC']);
  return [...all].filter(Boolean);
}

/**
 * The organisation's fields (name, acronym, NIT, public address, time zone, colours), for both forms. The form
 * passes itself in; its own fields (the first administrator, the «activa» switch) follow these.
 */
export function OrganizationFields({ form }: { form: UseFormReturn<OrganizationFieldValues> }) {
  const { t } = useTranslation();
  const { register, control, formState } = form;
  const errors = formState.errors;
  const zones = useMemo(() => timeZoneOptions(form.getValues('timeZone')), [form]);

  const colorInput = (name: 'primary' | 'secondary') => (
    <Controller
      control={control}
      name={`colors.${name}`}
      render={({ field, fieldState }) => (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t(name === 'primary' ? 'organizations.form.fields.primaryColor' : 'organizations.form.fields.secondaryColor')}
            description={t('organizations.form.fields.colorHint')}
            placeholder="#1c4e80"
            autoComplete="off"
            spellCheck={false}
            ref={field.ref}
            name={field.name}
            value={field.value}
            onChange={(event) => field.onChange(event.currentTarget.value)}
            onBlur={field.onBlur}
            error={fieldState.error?.message}
            style={{ flex: 1 }}
          />
          <Box
            aria-hidden
            w={36}
            h={36}
            mb={fieldState.error ? 24 : 0}
            style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-6)', background: /^#[0-9a-fA-F]{6}$/.test(field.value) ? field.value : 'transparent' }}
          />
        </Group>
      )}
    />
  );

  return (
    <>
      <FormSection title={t('organizations.form.sections.entity')}>
        <TextInput label={t('organizations.form.fields.name')} required autoComplete="organization" {...register('name')} error={errors.name?.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('organizations.form.fields.acronym')} description={t('organizations.form.fields.acronymHint')} autoComplete="off" {...register('acronym')} error={errors.acronym?.message} />
          <TextInput label={t('organizations.form.fields.nit')} description={t('organizations.form.fields.nitHint')} autoComplete="off" inputMode="numeric" {...register('nit')} error={errors.nit?.message} />
        </SimpleGrid>
        <TextInput
          label={t('organizations.form.fields.slug')}
          description={t('organizations.form.fields.slugHint')}
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...register('slug')}
          error={errors.slug?.message}
        />
      </FormSection>
      <FormSection title={t('organizations.form.sections.appearance')}>
        <Controller
          control={control}
          name="timeZone"
          render={({ field, fieldState }) => (
            <Select
              label={t('organizations.form.fields.timeZone')}
              description={t('organizations.form.fields.timeZoneHint')}
              required
              searchable
              limit={60}
              data={zones}
              allowDeselect={false}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={(value) => value && field.onChange(value)}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              maw={420}
            />
          )}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {colorInput('primary')}
          {colorInput('secondary')}
        </SimpleGrid>
      </FormSection>
    </>
  );
}

/**
 * The top of both organisation forms: what the server refused (unless a conflict is shown instead), a failed save,
 * the required-fields hint and the organisation's own fields.
 */
export function OrganizationFormTop({
  form,
  serverIssues,
  saveError,
  alertRef,
  showIssues = true,
}: {
  form: UseFormReturn<OrganizationFieldValues>;
  serverIssues: readonly { path: string; message: string }[];
  saveError: unknown;
  alertRef?: Ref<HTMLDivElement>;
  showIssues?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {serverIssues.length > 0 && showIssues && <ServerIssuesAlert title={t('organizations.form.invalidTitle')} intro={t('organizations.form.invalidServer')} issues={serverIssues} alertRef={alertRef} />}
      {saveError != null && <SaveErrorAlert title={t('organizations.form.saveErrorTitle')} error={saveError} kept={t('organizations.form.saveErrorKept')} alertRef={alertRef} />}
      <Text size="sm" c="dimmed">
        {t('organizations.form.requiredHint')}
      </Text>
      <OrganizationFields form={form} />
    </>
  );
}
