import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/http';
import { fetchFile, openDataFiles, saveFile } from './api';

/** The year's open data (CSV, JSON, dictionary) as download buttons: on the report page and on its print view. */
export function OpenDataDownloads({ year }: { year: number }) {
  const { t } = useTranslation();
  async function download(path: string, fileName: string) {
    try {
      saveFile(await fetchFile(`/api/years/${year}/${path}`), fileName);
    } catch (error) {
      notifications.show({ color: 'red', title: t('export.downloadFailed', { file: fileName }), message: errorMessage(error) });
    }
  }
  return (
    <Stack gap={4} role="group" aria-label={t('export.openData')}>
      <Group gap="xs" wrap="wrap" align="center">
        <Text size="sm" fw={600}>
          {t('export.openData')}:
        </Text>
        {openDataFiles.map((f) => (
          <Button key={f.key} size="compact-sm" variant="default" onClick={() => void download(f.path, f.file(year))}>
            {t(`export.openDataFiles.${f.key}`)}
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('export.openDataHint')}
      </Text>
    </Stack>
  );
}
