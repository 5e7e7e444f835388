import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { failedTitle, problemLines } from './import-problem';

/** A refused preview or import: the route's problems (rows as «Fila N: …») and that nothing was saved. */
export function ImportFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t(`mappedImport.failedTitles.${failedTitle(error)}`)}>
      {problemLines(error, (row) => t('mappedImport.row', { row })).map((line, i) => (
        <Text key={i} size="sm">
          {line}
        </Text>
      ))}
      <Text size="sm">{t('mappedImport.nothingSaved')}</Text>
    </Alert>
  );
}
