import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { slugify } from '../../../domain/organization';
import { defaultTimeZone, organizationCreateSchema, type Organization, type OrganizationCreate } from '../../../domain/organization-admin';
import { passwordProblem } from '../../../domain/password-policy';
import { errorMessage } from '../../lib/http';
import { FormActionBar } from '../../ui/form-action-bar';
import { FormSection } from '../../ui/form-section';
import { LogoChoice, putLogo, type ChosenLogo } from '../../ui/logo-upload';
import { NewPasswordField } from '../../ui/new-password-field';
import { PageHeader } from '../../ui/page-header';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { useCreateOrganization } from './api';
import { OrganizationFormTop, type OrganizationFieldValues } from './organization-fields';

export interface OrganizationCreateValues extends OrganizationFieldValues {
  admin: { username: string; displayName: string; password: string };
}

const emptyValues: OrganizationCreateValues = {
  name: '',
  acronym: '',
  nit: '',
  slug: '',
  timeZone: defaultTimeZone,
  colors: { primary: '', secondary: '' },
  admin: { username: '', displayName: '', password: '' },
};

const resolver = zodResolver(organizationCreateSchema) as unknown as Resolver<OrganizationCreateValues, unknown, OrganizationCreate>;
const formFields = new Set(['name', 'acronym', 'nit', 'slug', 'timeZone', 'colors', 'admin']);

/** The organisation as the write path answers it, seen as a versioned record (no author: only sysadmins save it). */
type SavedOrganization = Organization & { updatedBy: null };

/**
 * /organizaciones/nueva: an organisation and its first administrator, in one form and one request. The password
 * policy is checked here first (the same words as the server's); a taken address or username comes back at its field.
 */
export function OrganizationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  useDocumentTitle(`${t('organizations.create.title')} · ${t('appName')}`);
  const form = useForm<OrganizationCreateValues, unknown, OrganizationCreate>({ defaultValues: emptyValues, resolver, mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false });
  const { formState, register } = form;
  const errors = formState.errors;
  // Chosen before the organisation exists; uploaded to its address right after it is created.
  const [logo, setLogo] = useState<ChosenLogo | null>(null);

  // The public address follows the name (accents and spaces out) until the person writes one of their own.
  const slugWritten = useRef(false);
  useEffect(() => {
    const subscription = form.watch((values, { name, type }) => {
      if (name === 'slug' && type === 'change') slugWritten.current = true;
      if (name !== 'name' || slugWritten.current) return;
      const typed = values.name?.trim() ?? '';
      form.setValue('slug', typed ? slugify(typed) : '', { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const { submit, serverIssues, saveError, saved, busy, errorCount, guardDialog, formRef, alertRef } = useVersionedSave<OrganizationCreateValues, OrganizationCreate, SavedOrganization>({
    form,
    save: async (values) => {
      const weak = await passwordProblem(values.admin.password, [values.admin.username, values.admin.displayName, values.name, values.acronym, values.slug]);
      if (weak) {
        form.setError('admin.password', { type: 'policy', message: weak }, { shouldFocus: true });
        return null;
      }
      const created = await create.mutateAsync(values);
      if (logo) {
        try {
          const saved = await putLogo(`/api/organizations/${created.id}/logo`, logo.bytes);
          return { ...created, logo: saved.logo, updatedBy: null };
        } catch (error) {
          // The organisation exists: say so, and where to add the logo, rather than fail the whole form.
          notifications.show({ color: 'orange', autoClose: false, message: t('organizations.create.logoFailed', { reason: errorMessage(error) }) });
        }
      }
      return { ...created, updatedBy: null };
    },
    onSaved: (organization) => {
      const admin = form.getValues('admin');
      notifications.show({
        color: 'teal.9',
        title: t('organizations.create.success', { name: organization.name }),
        message: t('organizations.create.successMessage', { admin: admin.displayName, username: admin.username }),
        autoClose: 10_000,
      });
      void navigate('/organizaciones');
    },
    toValues: () => emptyValues,
    fieldIssues: (issues) => issues.filter((issue) => formFields.has(issue.path.split('.')[0])),
    texts: { loaded: () => '', confirmTitle: '', confirmMessage: '', confirmLoad: '', confirmCancel: '' },
  });

  return (
    <>
      <PageHeader title={t('organizations.create.title')} subtitle={t('organizations.create.subtitle')} />
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('organizations.form.formLabel')}>
        <Stack gap="lg" maw={900}>
          <OrganizationFormTop form={form as unknown as UseFormReturn<OrganizationFieldValues>} serverIssues={serverIssues} saveError={saveError} alertRef={alertRef} />
          <FormSection title={t('organizations.form.sections.admin')}>
            <TextInput
              label={t('organizations.form.fields.adminUsername')}
              description={t('organizations.form.fields.adminUsernameHint')}
              required
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...register('admin.username')}
              error={errors.admin?.username?.message}
            />
            <TextInput label={t('organizations.form.fields.adminDisplayName')} required autoComplete="off" {...register('admin.displayName')} error={errors.admin?.displayName?.message} />
            <Controller
              control={form.control}
              name="admin.password"
              render={({ field, fieldState }) => (
                <NewPasswordField inputRef={field.ref} name={field.name} label={t('organizations.form.fields.adminPassword')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
              )}
            />
          </FormSection>
          <LogoChoice value={logo} onChange={setLogo} disabled={busy} />
          <FormActionBar
            label={t('organizations.form.actionBar')}
            status={errorCount > 0 ? t('organizations.form.invalidClient', { count: errorCount }) : formState.isDirty && !saved ? t('unsaved.title') : ''}
            statusIsError={errorCount > 0}
            cancelTo="/organizaciones"
            busy={busy}
          />
        </Stack>
        {guardDialog}
      </form>
    </>
  );
}
