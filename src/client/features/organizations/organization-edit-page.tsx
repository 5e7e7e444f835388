import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Switch } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { organizationUpdateSchema, type Organization, type OrganizationUpdate } from '../../../domain/organization-admin';
import { formatDate, formatInteger } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { routeId } from '../../lib/route-params';
import { ConflictAlert } from '../../ui/conflict-alert';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { FormActionBar } from '../../ui/form-action-bar';
import { FormSection } from '../../ui/form-section';
import { LogoUpload } from '../../ui/logo-upload';
import { NotFoundState } from '../../ui/not-found-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { organizationKeys, organizationQueryOptions, useUpdateOrganization } from './api';
import { OrganizationFormTop, type OrganizationFieldValues } from './organization-fields';

interface OrganizationEditValues extends OrganizationFieldValues {
  active: boolean;
}

type SavedOrganization = Organization & { updatedBy: null };

const resolver = zodResolver(organizationUpdateSchema) as unknown as Resolver<OrganizationEditValues, unknown, OrganizationUpdate>;
const formFields = new Set(['name', 'acronym', 'nit', 'slug', 'timeZone', 'colors', 'active']);

const toValues = (organization: Organization): OrganizationEditValues => ({
  name: organization.name,
  acronym: organization.acronym,
  nit: organization.nit,
  slug: organization.slug,
  timeZone: organization.timeZone,
  colors: { primary: organization.colors.primary ?? '', secondary: organization.colors.secondary ?? '' },
  active: organization.active,
});

/** /organizaciones/:id: the organisation's data and whether it is active, saved with the version it was read at. */
export function OrganizationEditPage() {
  const { t } = useTranslation();
  const id = routeId(useParams().id);
  const organization = useQuery({ ...organizationQueryOptions(id ?? 0), enabled: id !== null });
  useDocumentTitle(organization.data ? `${t('organizations.editPage.title', { name: organization.data.name })} · ${t('appName')}` : '');

  if (id === null || (organization.error instanceof ApiError && organization.error.status === 404)) {
    return <NotFoundState title={t('organizations.editPage.notFound')} hint="" backTo="/organizaciones" backLabel={t('organizations.editPage.back')} />;
  }
  if (organization.isPending) return <LoadingState label={t('organizations.loading')} />;
  if (organization.isError) return <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />;
  const saved = organization.data;
  return (
    <>
      <PageHeader
        title={t('organizations.editPage.title', { name: saved.name })}
        subtitle={t('organizations.editPage.subtitle', { version: saved.version, date: formatDate(saved.createdAt.slice(0, 10)), users: formatInteger(saved.users), forums: formatInteger(saved.forums) })}
      />
      <Stack gap="lg" maw={900}>
        <OrganizationEditForm key={saved.id} organization={saved} />
        {/* Outside the form: the logo is saved at once, on its own address (nothing for the form's guard to keep). */}
        <LogoUpload key={`logo-${saved.id}`} owner={saved} endpoint={`/api/organizations/${saved.id}/logo`} />
      </Stack>
    </>
  );
}

function OrganizationEditForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateOrganization(organization.id);
  const form = useForm<OrganizationEditValues, unknown, OrganizationUpdate>({ defaultValues: toValues(organization), resolver, mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false });

  /** Deactivating logs its people out: asked first, then saved. */
  /** Deactivating logs its people out: asked first, then saved (closed or cancelled: nothing is sent). */
  const confirmDeactivation = (values: OrganizationUpdate) =>
    new Promise<boolean>((resolve) => {
      confirmDestructive({
        title: t('organizations.form.deactivate.title', { name: values.name }),
        message: t('organizations.form.deactivate.message', { users: formatInteger(organization.users) }),
        confirmLabel: t('organizations.form.deactivate.confirm'),
        onConfirm: () => resolve(true),
        onClose: () => resolve(false),
      });
    });

  const { submit, conflict, serverIssues, saveError, saved, busy, errorCount, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave<OrganizationEditValues, OrganizationUpdate, SavedOrganization>({
    form,
    initialVersion: organization.version,
    save: async (values, version) => {
      if (values.active === false && organization.active && !(await confirmDeactivation(values))) return null;
      return { ...(await update.mutateAsync({ ...values, version })), updatedBy: null };
    },
    onSaved: (record) => {
      notifications.show({ color: 'teal.9', message: t('organizations.editPage.saved', { name: record.name }) });
      void navigate('/organizaciones');
    },
    onNewerVersion: (current) => queryClient.setQueryData(organizationKeys.detail(current.id), current),
    toValues,
    fieldIssues: (issues) => issues.filter((issue) => formFields.has(issue.path.split('.')[0])),
    texts: {
      loaded: (current) => t('organizations.form.conflict.loaded', { version: current.version }),
      confirmTitle: t('organizations.form.conflict.confirmTitle'),
      confirmMessage: t('organizations.form.conflict.confirmMessage'),
      confirmLoad: t('organizations.form.conflict.confirmLoad'),
      confirmCancel: t('organizations.form.conflict.confirmCancel'),
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('organizations.form.formLabel')}>
      <Stack gap="lg" maw={900}>
        {conflict && (
          <ConflictAlert
            title={t('organizations.form.conflict.title')}
            message={t('organizations.form.conflict.message', { version: conflict.version })}
            loadLabel={t('organizations.form.conflict.load')}
            overwriteLabel={t('organizations.form.conflict.overwrite')}
            busy={busy}
            onLoad={loadCurrent}
            onOverwrite={overwrite}
            alertRef={alertRef}
          />
        )}
        <OrganizationFormTop form={form as unknown as UseFormReturn<OrganizationFieldValues>} serverIssues={serverIssues} saveError={saveError} alertRef={alertRef} showIssues={!conflict} />
        <FormSection title={t('organizations.form.sections.status')}>
          <Controller
            control={form.control}
            name="active"
            render={({ field }) => (
              <Switch
                ref={field.ref}
                name={field.name}
                checked={field.value}
                onChange={(event) => field.onChange(event.currentTarget.checked)}
                onBlur={field.onBlur}
                label={t('organizations.form.fields.active')}
                description={t('organizations.form.fields.activeHint')}
              />
            )}
          />
        </FormSection>
        <FormActionBar
          label={t('organizations.form.actionBar')}
          status={errorCount > 0 ? t('organizations.form.invalidClient', { count: errorCount }) : form.formState.isDirty && !saved ? t('unsaved.title') : ''}
          statusIsError={errorCount > 0}
          cancelTo="/organizaciones"
          busy={busy}
        />
      </Stack>
      {guardDialog}
    </form>
  );
}
