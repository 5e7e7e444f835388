import { Alert, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { revisionPlainText } from '../../../domain/report';
import { diffWords } from '../../../domain/report-diff';
import { docToPlainText } from '../../../domain/rich-text';
import { formatDateTime } from '../../lib/format';
import type { ReportSection } from './report-types';
import type { SectionValues } from './section-draft-storage';
import { DiffText } from './diff-text';
import { usePersonName } from '../../lib/use-person-name';

const plain = (values: SectionValues) => revisionPlainText({ title: values.title, content: values.content, recommendations: values.recommendations ?? [] }, docToPlainText);

/**
 * A stale save got 409: the person's text and the saved one side by side (plain text), the differences, and
 * the two ways out. Until one is chosen nothing is sent and the person's text stays kept in this browser.
 */
export function SectionConflict({ mine, current, onKeepMine, onUseTheirs }: { mine: SectionValues; current: ReportSection; onKeepMine: () => void; onUseTheirs: () => void }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const who = personName(current.lastEditedBy);
  const mineText = plain(mine);
  const theirsText = plain({ title: current.title, content: current.content, recommendations: current.kind === 'recommendations' ? current.recommendations : null });
  return (
    <Alert color="orange" variant="light" role="alert" title={t('reports.conflict.title')} tabIndex={-1}>
      <Text size="sm" mb="sm">
        {t('reports.conflict.message', { who, version: current.version, when: current.lastEditedAt ? formatDateTime(current.lastEditedAt) : '—' })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="md">
        <Paper withBorder p="sm" component="section" aria-labelledby="conflict-mine">
          <Title order={3} size="h5" id="conflict-mine" mb="xs">
            {t('reports.conflict.mine')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-mine">
            {mineText}
          </Text>
        </Paper>
        <Paper withBorder p="sm" component="section" aria-labelledby="conflict-theirs">
          <Title order={3} size="h5" id="conflict-theirs" mb="xs">
            {t('reports.conflict.theirs', { who })}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-theirs">
            {theirsText}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="sm" mb="md" component="section" aria-labelledby="conflict-diff">
        <Title order={3} size="h5" id="conflict-diff" mb="xs">
          {t('reports.conflict.differences')}
        </Title>
        <DiffText parts={diffWords(theirsText, mineText)} />
      </Paper>
      <Group gap="sm">
        <Button onClick={onKeepMine}>
          {t('reports.conflict.keepMine')}
        </Button>
        <Button variant="default" onClick={onUseTheirs}>
          {t('reports.conflict.useTheirs')}
        </Button>
      </Group>
    </Alert>
  );
}
