import { common } from './common';
import { session } from './session';
import { forums } from './forums';
import { users } from './users';
import { forumForm } from './forum-form';
import { metrics } from './metrics';
import { metricsCharts } from './metrics-charts';
import { consultations } from './consultations';
import { reports } from './reports';
import { exportTexts } from './export';
import { home } from './home';
import { questions } from './questions';
import { commitments, evaluations } from './commitments';
import { publication } from './publication';
import { organizations } from './organizations';

export const es = { ...common, session, forums, users, forumForm, metricsCharts, metrics, consultations, reports, export: exportTexts, home, questions, publication, commitments, evaluations, organizations } as const;
