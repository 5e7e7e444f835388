import { Alert, Checkbox, List, Stack, Text } from '@mantine/core';
import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricsIssue } from '../../../domain/metrics-rules';
import { warningKey } from './metrics-form-values';

interface MetricsFormIssuesProps {
  issues: MetricsIssue[];
  /** Keys (warningKey) of the warnings the person confirmed. */
  acknowledged: ReadonlySet<string>;
  onAcknowledge: (key: string, confirmed: boolean) => void;
  /** Where focus goes after a refused save. */
  alertRef?: Ref<HTMLDivElement>;
  readOnly?: boolean;
}

/**
 * The consistency rules' results: figures that cannot be true (they stop the save) and warnings, each with
 * its own "Confirmo que las cifras son correctas" checkbox.
 */
export function MetricsFormIssues({ issues, acknowledged, onAcknowledge, alertRef, readOnly }: MetricsFormIssuesProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const blocking = issues.filter((i) => i.severity === 'block');
  const warnings = issues.filter((i) => i.severity === 'warn');
  if (issues.length === 0) return null;
  return (
    <Stack gap="sm" ref={alertRef} tabIndex={-1}>
      {blocking.length > 0 && (
        <Alert color="red" variant="light" title={t('metrics.rules.blockingTitle')}>
          <Text size="sm" mb="xs">
            {t('metrics.rules.blockingText')}
          </Text>
          <List size="sm">
            {blocking.map((issue) => (
              <List.Item key={warningKey(issue)}>{issue.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert color="orange" variant="light" title={t('metrics.rules.warningsTitle')}>
          {!readOnly && (
            <Text size="sm" mb="xs">
              {t('metrics.rules.warningsText')}
            </Text>
          )}
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {warnings.map((issue, i) => {
              const key = warningKey(issue);
              const messageId = `${baseId}-w${i}`;
              return (
                <li key={key}>
                  <Text size="sm" id={messageId}>
                    {issue.message}
                  </Text>
                  {!readOnly && (
                    <Checkbox
                      mt={4}
                      size="sm"
                      label={t('metrics.rules.confirm')}
                      aria-describedby={messageId}
                      checked={acknowledged.has(key)}
                      onChange={(event) => onAcknowledge(key, event.currentTarget.checked)}
                    />
                  )}
                </li>
              );
            })}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
