import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../domain/common';
import type { ForumMetricsInput } from '../../../domain/metrics';
import { checkMetrics, hasBlockingIssues, metricsRuleIds, type MetricsRuleId } from '../../../domain/metrics-rules';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { usePendingFocus } from '../../ui/use-pending-focus';
import { formPath, readForm, schemaErrors, warningKey, type FieldErrors, type MetricsFormValues } from './metrics-form-values';

/** Why the form did not send the last save: figures it cannot read, impossible figures, or warnings not yet confirmed. */
type Refusal = { kind: 'invalid'; count: number } | { kind: 'blocking' } | { kind: 'warnings'; count: number } | null;

/** What a save sends once the checks pass: the figures as read and the warnings the person confirmed. */
export interface CheckedMetrics {
  metrics: ForumMetricsInput;
  acknowledgedWarnings: MetricsRuleId[];
}

/** Warnings of `record` that its saved confirmations cover (confirmed once, they stay confirmed until a figure changes). */
function acknowledgedOf(record: ForumMetricsRecord): Set<string> {
  const issues = record.issues ?? checkMetrics(record);
  return new Set(issues.filter((i) => i.severity === 'warn' && record.acknowledgedWarnings.includes(i.rule)).map(warningKey));
}

/** The server's field issues by form path (two messages on one path are joined). */
export function toFieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const issue of issues) {
    const key = formPath(issue.path);
    errors.set(key, errors.has(key) ? `${errors.get(key)} ${issue.message}` : issue.message);
  }
  return errors;
}

const isRuleId = (rule: string): rule is MetricsRuleId => (metricsRuleIds as readonly string[]).includes(rule);

/**
 * The metrics form's own checks, before anything is sent: every cell read as typed, the domain's consistency
 * rules at once (impossible figures stop the save, each warning needs its confirmation), and the messages of a
 * field (what a submit found, what the server said, the rules). `check(values)` answers what to send, or null
 * after saying why and focusing it. A change of any field retires a refused submit's messages.
 */
export function useMetricsChecks(
  form: UseFormReturn<MetricsFormValues>,
  saved: ForumMetricsRecord,
  serverIssues: FieldIssue[],
  formRef: RefObject<HTMLFormElement | null>,
) {
  const { t } = useTranslation();
  const [acknowledged, setAcknowledged] = useState<Set<string>>(() => acknowledgedOf(saved));
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>(new Map());
  const issuesRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const subscription = form.watch((_values, { type }) => {
      if (type !== 'change') return;
      setSubmitErrors((errors) => (errors.size === 0 ? errors : new Map()));
      setRefusal(null);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const requestFocus = usePendingFocus<'invalid' | 'issues'>((target) =>
    target === 'issues' ? issuesRef.current : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'),
  );

  const values = useWatch({ control: form.control }) as MetricsFormValues;
  const read = useMemo(() => readForm(values), [values]);
  const issues = useMemo(() => checkMetrics(read.metrics), [read]);
  const pendingWarnings = issues.filter((i) => i.severity === 'warn' && !acknowledged.has(warningKey(i)));
  const blocking = hasBlockingIssues(issues);
  const serverErrors = useMemo(() => toFieldErrors(serverIssues), [serverIssues]);

  const refuse = (why: NonNullable<Refusal>) => {
    setRefusal(why);
    requestFocus(why.kind === 'invalid' ? 'invalid' : 'issues');
    return null;
  };

  /** What to send for these values, or null when a check refuses them (it says why and focuses it). */
  const check = (formValues: MetricsFormValues): CheckedMetrics | null => {
    setAttempted(true);
    const current = readForm(formValues);
    const schema = current.errors.size === 0 ? schemaErrors(current.metrics) : new Map<string, string>();
    setSubmitErrors(schema);
    const invalid = current.errors.size + schema.size;
    if (invalid > 0) return refuse({ kind: 'invalid', count: invalid });
    const currentIssues = checkMetrics(current.metrics);
    if (hasBlockingIssues(currentIssues)) return refuse({ kind: 'blocking' });
    const currentWarnings = currentIssues.filter((i) => i.severity === 'warn');
    const pending = currentWarnings.filter((i) => !acknowledged.has(warningKey(i)));
    if (pending.length > 0) return refuse({ kind: 'warnings', count: pending.length });
    setRefusal(null);
    return { metrics: current.metrics, acknowledgedWarnings: [...new Set(currentWarnings.map((i) => i.rule))].filter(isRuleId) };
  };

  /** The form starts again from this saved record: its confirmations, no messages. */
  const startFrom = (record: ForumMetricsRecord) => {
    setAcknowledged(acknowledgedOf(record));
    setRefusal(null);
    setSubmitErrors(new Map());
    setAttempted(false);
  };

  const acknowledge = (key: string, confirmed: boolean) =>
    setAcknowledged((current) => {
      const next = new Set(current);
      if (confirmed) next.add(key);
      else next.delete(key);
      return next;
    });

  /** The messages under a field: the submit's, the server's (unless a rule says the same) and the impossible figures'. */
  const messagesAt = (path: string): string[] => {
    const out: string[] = [];
    const submitted = submitErrors.get(path);
    if (submitted) out.push(submitted);
    const fromServer = serverErrors.get(path);
    if (fromServer && !issues.some((i) => i.message === fromServer)) out.push(fromServer);
    for (const issue of issues) if (issue.severity === 'block' && issue.paths.includes(path)) out.push(issue.message);
    return out;
  };

  /** The action bar's status: why the last save was refused, what still stops one, or that there are changes. */
  const status =
    refusal?.kind === 'invalid'
      ? t('metrics.rules.refusedInvalid', { count: refusal.count })
      : refusal?.kind === 'blocking' || (refusal && blocking)
        ? t('metrics.rules.refusedBlocking')
        : refusal?.kind === 'warnings' && pendingWarnings.length > 0
          ? t('metrics.rules.refusedWarnings', { count: pendingWarnings.length })
          : blocking
            ? t('metrics.rules.refusedBlocking')
            : form.formState.isDirty
              ? t('unsaved.title')
              : '';

  return {
    check,
    startFrom,
    issues,
    acknowledged,
    acknowledge,
    attempted,
    serverErrors,
    messagesAt,
    seriesMessages: (path: string) => issues.filter((i) => i.paths.includes(path)).map((i) => i.message),
    cellErrorAt: (path: string) => read.errors.get(path),
    status,
    statusIsError: refusal !== null || blocking,
    issuesRef,
  };
}
