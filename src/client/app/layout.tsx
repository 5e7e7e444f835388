import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useNavigate } from 'react-router';
import { useLogout } from '../features/session/api';
import { organizationLabel } from '../../domain/organization';
import { logoPath } from '../../domain/organization-logo';
import { useCan, useCurrentOrganization, useCurrentUser } from './use-current-user';
import { LoadingState } from '../ui/states';

export function Layout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const user = useCurrentUser();
  const canManageUsers = useCan('manageUsers');
  const canConfigure = useCan('configure');
  const canManagePublication = useCan('managePublication');
  const canManageOrganizations = useCan('manageOrganizations');
  const organization = useCurrentOrganization();
  const logout = useLogout();
  const navigate = useNavigate();

  const links = [
    // The start page, then in the order of the work: consult, plan and hold the forums, measure them, report.
    { to: '/inicio', label: t('nav.home') },
    { to: '/consultas', label: t('nav.consultations') },
    { to: '/foros', label: t('nav.forums') },
    { to: '/preguntas', label: t('nav.questions') },
    { to: '/metricas', label: t('nav.metrics') },
    { to: '/compromisos', label: t('nav.commitments') },
    { to: '/informes', label: t('nav.reports') },
    // Last step of the year: what the public «Participa» pages show.
    ...(canManagePublication ? [{ to: '/publicacion', label: t('nav.publication') }] : []),
    ...(canManageUsers ? [{ to: '/cuentas', label: t('nav.users') }] : []),
    ...(canConfigure ? [{ to: '/ajustes', label: t('nav.settings') }] : []),
    // Above the organisations: the system administrator's.
    ...(canManageOrganizations ? [{ to: '/organizaciones', label: t('nav.organizations') }] : []),
  ];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a href="#contenido" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Anchor component={Link} to="/inicio" underline="never" c="blue.9" fw={800} size="xl">
              {t('appName')}
            </Anchor>
            {organization ? (
              <>
                {organization.logo && (
                  <img src={logoPath(organization.slug, organization.logo)} alt={organization.name} height={32} style={{ maxWidth: 96, objectFit: 'contain', flexShrink: 0 }} data-testid="organization-logo" />
                )}
                <Text size="sm" fw={600} c="dark.7" visibleFrom={organization.acronym ? 'md' : 'xs'} truncate="end" miw={0} title={organizationLabel(organization)} data-testid="current-organization">
                  {organizationLabel(organization)}
                </Text>
                {/* Narrower, the acronym alone says which organisation (the name would be cut to a word). */}
                {organization.acronym && (
                  <Text size="sm" fw={600} c="dark.7" visibleFrom="xs" hiddenFrom="md" title={organizationLabel(organization)}>
                    {organization.acronym}
                  </Text>
                )}
              </>
            ) : (
              <Text c="dimmed" size="sm" visibleFrom="md">
                {t('appTagline')}
              </Text>
            )}
          </Group>
          {user && (
            <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="sm" visibleFrom="sm">
                {user.displayName}
              </Text>
              {/* Narrow, the role's badge (up to «Administración del sistema») would push over the name and logo. */}
              <Badge variant="outline" color="gray.7" visibleFrom="sm">
                {t(`roles.${user.role}`)}
              </Badge>
              <Button
                variant="default"
                size="xs"
                loading={logout.isPending}
                onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
              >
                {t('actions.logout')}
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')} component="nav">
        {links.map((link) => (
          <NavLink key={link.to} component={RouterNavLink} to={link.to} label={link.label} onClick={close} color="blue.9" variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="contenido" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
