import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './layout';
import { RequireSession } from './require-session';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';
import { LoginRoute } from '../features/session/login-route';
import { loadFeatureCatalogs } from '../i18n';
import { LoadingState } from '../ui/states';

/** A page's code and the feature texts load together, before it renders (and only for a page behind the login). */
const page = <M,>(load: () => Promise<M>, pick: (module: M) => RouteObject['Component'], catalogs: 'all' | 'forums' | 'home' = 'all') => async () => {
  const [module] = await Promise.all([load(), loadFeatureCatalogs(catalogs)]);
  return { Component: pick(module) };
};

/** Pages load lazily; the first screen (the login) does not even load this file (main.tsx). */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      // The print view of a report: outside the layout, so only the report prints.
      { path: 'informes/:year/imprimir', lazy: page(() => import('../features/reports/export/print-page'), (m) => m.PrintPage) },
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/inicio" replace /> },
          { path: 'inicio', lazy: page(() => import('./start-page'), (m) => m.StartPage, 'home') },
          { path: 'foros', lazy: page(() => import('../features/forums/forum-list-page'), (m) => m.ForumListPage, 'forums') },
          { path: 'foros/nuevo', lazy: page(() => import('../features/forums/forum-create-page'), (m) => m.ForumCreatePage) },
          { path: 'foros/:id', lazy: page(() => import('../features/forums/forum-detail-page'), (m) => m.ForumDetailPage) },
          { path: 'foros/:id/editar', lazy: page(() => import('../features/forums/forum-edit-page'), (m) => m.ForumEditPage) },
          { path: 'foros/:id/metricas', lazy: page(() => import('../features/metrics/metrics-page'), (m) => m.MetricsPage) },
          { path: 'preguntas', lazy: page(() => import('../features/questions/question-list-page'), (m) => m.QuestionListPage) },
          { path: 'preguntas/importar', lazy: page(() => import('../features/questions/question-import-page'), (m) => m.QuestionImportPage) },
          { path: 'preguntas/moderacion', lazy: page(() => import('../features/questions/moderation-page'), (m) => m.ModerationPage) },
          { path: 'preguntas/:id', lazy: page(() => import('../features/questions/question-case-page'), (m) => m.QuestionCasePage) },
          { path: 'foros/:id/evaluacion', lazy: page(() => import('../features/evaluations/evaluation-page'), (m) => m.EvaluationPage) },
          { path: 'compromisos', lazy: page(() => import('../features/commitments/commitment-list-page'), (m) => m.CommitmentListPage) },
          { path: 'compromisos/nuevo', lazy: page(() => import('../features/commitments/commitment-create-page'), (m) => m.CommitmentCreatePage) },
          { path: 'compromisos/importar', lazy: page(() => import('../features/commitments/commitment-import-page'), (m) => m.CommitmentImportPage) },
          { path: 'compromisos/:id', lazy: page(() => import('../features/commitments/commitment-detail-page'), (m) => m.CommitmentDetailPage) },
          { path: 'metricas', lazy: page(() => import('../features/metrics/metrics-dashboard-page'), (m) => m.MetricsDashboardPage) },
          { path: 'consultas', lazy: page(() => import('../features/consultations/consultation-list-page'), (m) => m.ConsultationListPage) },
          { path: 'consultas/nueva', lazy: page(() => import('../features/consultations/consultation-create-page'), (m) => m.ConsultationCreatePage) },
          { path: 'consultas/:id', lazy: page(() => import('../features/consultations/consultation-detail-page'), (m) => m.ConsultationDetailPage) },
          { path: 'consultas/:id/editar', lazy: page(() => import('../features/consultations/consultation-edit-page'), (m) => m.ConsultationEditPage) },
          { path: 'informes', lazy: page(() => import('../features/reports/report-list-page'), (m) => m.ReportListPage) },
          { path: 'informes/:year', lazy: page(() => import('../features/reports/report-overview-page'), (m) => m.ReportOverviewPage) },
          { path: 'informes/:year/secciones/:id', lazy: page(() => import('../features/reports/section-page'), (m) => m.SectionPage) },
          {
            element: <RequireSession permission="managePublication" />,
            children: [
              { path: 'publicacion', lazy: page(() => import('../features/publication/publication-years-page'), (m) => m.PublicationYearsPage) },
              { path: 'publicacion/:year', lazy: page(() => import('../features/publication/publication-page'), (m) => m.PublicationPage) },
            ],
          },
          {
            element: <RequireSession permission="manageUsers" />,
            children: [
              { path: 'cuentas', lazy: page(() => import('../features/users/users-page'), (m) => m.UsersPage) },
              { path: 'ajustes', lazy: page(() => import('../features/questions/settings-page'), (m) => m.SettingsPage) },
            ],
          },
          {
            // The installation's organisations: the system administrator's (issue 15).
            element: <RequireSession permission="manageOrganizations" />,
            children: [
              { path: 'organizaciones', lazy: page(() => import('../features/organizations/organization-list-page'), (m) => m.OrganizationListPage) },
              { path: 'organizaciones/nueva', lazy: page(() => import('../features/organizations/organization-create-page'), (m) => m.OrganizationCreatePage) },
              { path: 'organizaciones/:id', lazy: page(() => import('../features/organizations/organization-edit-page'), (m) => m.OrganizationEditPage) },
            ],
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
