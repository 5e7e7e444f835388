import { Anchor, Badge, Button, Group, NativeSelect, Pagination, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useToday } from '../../app/use-current-user';
import { deadlineOf, questionListQuerySchema, questionStatuses, type QuestionFigures, type QuestionListQuery } from '../../../domain/question';
import { useCan } from '../../app/use-current-user';
import { formatInteger, formatShortDate } from '../../lib/format';
import { forumChoicesQueryOptions } from '../../lib/shared-queries';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { WideTable } from '../../ui/wide-table';
import { areasQueryOptions, questionFiguresQueryOptions, questionListQueryOptions, submissionsQueryOptions } from './api';
import { DeadlineBadge } from './deadline-badge';

/** The URL's Spanish parameters ↔ the API's query: `?estado=asignada&vence=vencidas&vigencia=2022&pagina=2`. */
const urlNames = { status: 'estado', areaId: 'area', forumId: 'foro', year: 'vigencia', due: 'vence', sort: 'orden', page: 'pagina' } as const;
const dueFromUrl: Record<string, QuestionListQuery['due']> = { vencidas: 'overdue', semana: 'week' };
const dueToUrl = { overdue: 'vencidas', week: 'semana' } as const;

export function queryFromUrl(params: URLSearchParams): QuestionListQuery {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(urlNames)) {
    const value = params.get(name);
    if (value) raw[key] = key === 'due' ? (dueFromUrl[value] ?? '') : key === 'sort' ? (value === 'lejano' ? '-due' : 'due') : value;
  }
  // Each parameter on its own: a bad one is dropped, the others kept.
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const parsed = questionListQuerySchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(query, parsed.data);
  }
  return query as QuestionListQuery;
}

function FiguresTable({ items }: { items: QuestionFigures[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const median = (value: number | null) => (value === null ? '—' : value.toLocaleString('es-CO', { maximumFractionDigits: 1 }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="question-figures-title">
      <Title order={2} size="h4" id="question-figures-title">
        {t('questions.figures.title')}
      </Title>
      <WideTable label={t('questions.figures.caption')} minWidth={720}>
        <Table striped>
          <VisuallyHidden component="caption">{t('questions.figures.caption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('questions.figures.year')}</Table.Th>
              <Table.Th scope="col">{t('questions.figures.forum')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('questions.figures.received')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('questions.figures.answered')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('questions.figures.answeredOnTime')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('questions.figures.median')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('questions.figures.overdueNow')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={`${f.year}-${f.forumId ?? 'total'}`} fw={f.forumId === null ? 700 : undefined}>
                <Table.Td>{f.year}</Table.Td>
                <Table.Td>{f.forumId === null ? t('questions.figures.total') : f.forumTitle}</Table.Td>
                <Table.Td ta="right">{formatInteger(f.received)}</Table.Td>
                <Table.Td ta="right">{formatInteger(f.answered)}</Table.Td>
                <Table.Td ta="right">{formatInteger(f.answeredOnTime)}</Table.Td>
                <Table.Td ta="right">{median(f.medianWorkingDays)}</Table.Td>
                <Table.Td ta="right">{formatInteger(f.overdueNow)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}

/** /preguntas: every question across forums and years, by due date, filters in the URL, counts and figures. */
export function QuestionListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const list = useQuery(questionListQueryOptions(query));
  const areas = useQuery(areasQueryOptions());
  const forums = useQuery(forumChoicesQueryOptions());
  const figures = useQuery(questionFiguresQueryOptions(query.year));
  const waiting = useQuery(submissionsQueryOptions('por_moderar'));
  const today = useToday();
  const canImport = useCan('writeQuestions');
  useDocumentTitle(`${t('questions.title')} · ${t('appName')}`);

  const setFilter = (name: (typeof urlNames)[keyof typeof urlNames], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'pagina') next.delete('pagina');
    setParams(next);
  };
  const areaName = (id: number | null) => (id === null ? t('questions.list.noArea') : (areas.data?.find((a) => a.id === id)?.name ?? '—'));
  // The forum filter: the newest forums (of the chosen year, if one is), and the one in the URL even if older.
  const forumOptions: { value: string; label: string }[] = (forums.data?.items ?? []).filter((f) => !query.year || f.year === query.year).map((f) => ({ value: String(f.id), label: t('questions.list.forumOption', { title: f.title, year: f.year }) }));
  if (query.forumId && !forumOptions.some((o) => o.value === String(query.forumId))) forumOptions.push({ value: String(query.forumId), label: t('questions.list.forumNumber', { id: query.forumId }) });
  const years = [...new Set((figures.data ?? []).map((f) => f.year).concat(query.year ? [query.year] : []))].sort((a, b) => b - a);

  const filters = (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 6 }} spacing="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <VisuallyHidden component="legend">{t('questions.list.filters')}</VisuallyHidden>
      <NativeSelect
        label={t('questions.list.status')}
        value={params.get('estado') ?? ''}
        onChange={(e) => setFilter('estado', e.currentTarget.value)}
        data={[{ value: '', label: t('questions.list.all') }, ...questionStatuses.map((s) => ({ value: s, label: t(`questions.statuses.${s}`) }))]}
      />
      <NativeSelect
        label={t('questions.list.due')}
        value={query.due ? dueToUrl[query.due] : ''}
        onChange={(e) => setFilter('vence', e.currentTarget.value)}
        data={[
          { value: '', label: t('questions.list.all') },
          { value: 'vencidas', label: t('questions.list.dueOverdue') },
          { value: 'semana', label: t('questions.list.dueWeek') },
        ]}
      />
      <NativeSelect
        label={t('questions.list.area')}
        value={query.areaId ? String(query.areaId) : ''}
        onChange={(e) => setFilter('area', e.currentTarget.value)}
        data={[{ value: '', label: t('questions.list.all') }, ...(areas.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))]}
      />
      <NativeSelect
        label={t('questions.list.forum')}
        value={query.forumId ? String(query.forumId) : ''}
        onChange={(e) => setFilter('foro', e.currentTarget.value)}
        data={[{ value: '', label: t('questions.list.all') }, ...forumOptions]}
      />
      <NativeSelect
        label={t('questions.list.year')}
        value={query.year ? String(query.year) : ''}
        onChange={(e) => setFilter('vigencia', e.currentTarget.value)}
        data={[{ value: '', label: t('questions.list.all') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
      />
      <NativeSelect
        label={t('questions.list.sort')}
        value={query.sort === '-due' ? 'lejano' : ''}
        onChange={(e) => setFilter('orden', e.currentTarget.value)}
        data={[
          { value: '', label: t('questions.list.sortDue') },
          { value: 'lejano', label: t('questions.list.sortDueDesc') },
        ]}
      />
    </SimpleGrid>
  );

  const body = () => {
    if (list.isPending) return <LoadingState label={t('questions.list.loading')} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    const page = list.data;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return (
      <Stack gap="sm">
        <Group gap="xs" aria-label={t('questions.list.counts')} role="group">
          {questionStatuses.map((s) => (
            <Badge key={s} variant="filled" color="gray.9" size="lg">
              {t(`questions.statuses.${s}`)}: {formatInteger(page.counts[s])}
            </Badge>
          ))}
          <Badge variant="filled" color="red.9" size="lg">
            {t('questions.list.overdueCount')}: {formatInteger(page.counts.overdue)}
          </Badge>
        </Group>
        {page.items.length === 0 ? (
          <EmptyState title={params.toString() ? t('questions.list.empty') : t('questions.list.emptyAll')} />
        ) : (
          <WideTable label={t('questions.list.caption')} minWidth={900}>
            <Table striped verticalSpacing="sm">
              <VisuallyHidden component="caption">{t('questions.list.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('questions.list.columns.question')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.forum')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.received')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.type')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.area')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('questions.list.columns.due')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td maw={360}>
                      <Anchor component={Link} to={`/preguntas/${q.id}`} lineClamp={2}>
                        {q.text}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{q.forumTitle}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDate(q.receivedAt.slice(0, 10))}</Table.Td>
                    <Table.Td>{t(`questions.types.${q.type}`)}</Table.Td>
                    <Table.Td>{areaName(q.areaId)}</Table.Td>
                    <Table.Td>{t(`questions.statuses.${q.status}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text span size="sm">
                        {q.dueDate ? formatShortDate(q.dueDate) : '—'}
                      </Text>{' '}
                      <DeadlineBadge deadline={deadlineOf(q, today)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
        <Group justify="space-between">
          <Text size="sm">{t('questions.list.total', { count: page.total })}</Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page.page}
              onChange={(p) => setFilter('pagina', p === 1 ? '' : String(p))}
              getControlProps={(control) => ({ 'aria-label': control })}
              getItemProps={(p) => ({ 'aria-label': t('questions.list.page', { page: p, pages }) })}
            />
          )}
        </Group>
      </Stack>
    );
  };

  return (
    <>
      <PageHeader
        title={t('questions.title')}
        subtitle={t('questions.subtitle')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/preguntas/moderacion" variant="default">
              {t('questions.moderation.link', { count: waiting.data?.counts.por_moderar ?? 0 })}
            </Button>
            {canImport && (
              <Button component={Link} to="/preguntas/importar" variant="default">
                {t('questions.import.link')}
              </Button>
            )}
            {params.toString() ? (
              <Button variant="default" onClick={() => setParams(new URLSearchParams())}>
                {t('questions.list.clear')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        {filters}
        {body()}
        {figures.data && <FiguresTable items={figures.data} />}
      </Stack>
    </>
  );
}
