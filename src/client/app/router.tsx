import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './layout';
import { RequireSession } from './require-session';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';
import { LoginPage } from '../features/session/login-page';
import { loadFeatureCatalogs } from '../i18n';
import { LoadingState } from '../ui/states';

/** Pages load lazily, so the first screen ships only the shell and the login. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    // Feature texts load beside the first page's code, before it renders.
    loader: async () => {
      await loadFeatureCatalogs();
      return null;
    },
    shouldRevalidate: () => false,
    hydrateFallbackElement: <LoadingState />,
    children: [
      // The print view of a report: outside the layout, so only the report prints.
      { path: 'informes/:year/imprimir', lazy: async () => ({ Component: (await import('../features/export/print-page')).PrintPage }) },
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/foros" replace /> },
          { path: 'foros', lazy: async () => ({ Component: (await import('../features/forums/forum-list-page')).ForumListPage }) },
          { path: 'foros/nuevo', lazy: async () => ({ Component: (await import('../features/forums/forum-create-page')).ForumCreatePage }) },
          { path: 'foros/:id', lazy: async () => ({ Component: (await import('../features/forums/forum-detail-page')).ForumDetailPage }) },
          { path: 'foros/:id/editar', lazy: async () => ({ Component: (await import('../features/forums/forum-edit-page')).ForumEditPage }) },
          { path: 'foros/:id/metricas', lazy: async () => ({ Component: (await import('../features/metrics/metrics-page')).MetricsPage }) },
          { path: 'metricas', lazy: async () => ({ Component: (await import('../features/metrics/metrics-dashboard-page')).MetricsDashboardPage }) },
          { path: 'consultas', lazy: async () => ({ Component: (await import('../features/consultations/consultation-list-page')).ConsultationListPage }) },
          { path: 'consultas/nueva', lazy: async () => ({ Component: (await import('../features/consultations/consultation-create-page')).ConsultationCreatePage }) },
          { path: 'consultas/:id', lazy: async () => ({ Component: (await import('../features/consultations/consultation-detail-page')).ConsultationDetailPage }) },
          { path: 'consultas/:id/editar', lazy: async () => ({ Component: (await import('../features/consultations/consultation-edit-page')).ConsultationEditPage }) },
          { path: 'informes', lazy: async () => ({ Component: (await import('../features/reports/report-list-page')).ReportListPage }) },
          { path: 'informes/:year', lazy: async () => ({ Component: (await import('../features/reports/report-overview-page')).ReportOverviewPage }) },
          { path: 'informes/:year/secciones/:id', lazy: async () => ({ Component: (await import('../features/reports/section-page')).SectionPage }) },
          {
            element: <RequireSession permission="manageUsers" />,
            children: [{ path: 'cuentas', lazy: async () => ({ Component: (await import('../features/users/users-page')).UsersPage }) }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
