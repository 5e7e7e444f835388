import { Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { consultationChannels, responseValueGroupKinds, type ConsultationChannel, type ResponseValueGroupKind } from '../../../domain/consultation';
import { importColumnRoles, lateModes, type ImportColumnRole, type LateMode } from '../../../domain/consultation-import';
import { formatCount } from '../../../domain/metrics-format';
import { ImportFailed } from '../../ui/mapped-import/import-failed';
import type { OpenedExport } from '../../ui/mapped-import/open-export';
import { fieldError } from '../../ui/mapped-import/import-problem';
import type { ImportOptions } from './use-consultation-import';
import { ColumnRolesTable } from '../../ui/mapped-import/mapped-import';

export interface ImportMappingSectionProps {
  name: string;
  file: OpenedExport;
  mapping: Record<string, ImportColumnRole>;
  remembered: boolean;
  options: ImportOptions;
  /** The preview (a dry run) is being asked for. */
  previewing: boolean;
  /** The refused preview, if it was refused (shown here, and at the field it names). */
  previewError: unknown;
  importing: boolean;
  onRole: (header: string, role: ImportColumnRole) => void;
  onOptions: (patch: Partial<ImportOptions>) => void;
  onPreview: () => void;
  onDiscard: () => void;
}

/** The file's columns mapped to what they hold, how to read the rows, and the preview (a dry run) it asks for. */
export function ImportMappingSection({ name, file, mapping, remembered, options, previewing, previewError, importing, onRole, onOptions, onPreview, onDiscard }: ImportMappingSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="consultation-mapping-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="consultation-mapping-title">
          {t('consultations.import.mapping')}
        </Title>
        <Text size="sm">{t('consultations.import.read', { count: file.rowCount, formatted: formatCount(file.rowCount), name })}</Text>
        <Text size="sm" c="dimmed">
          {remembered ? t('consultations.import.mappingRemembered') : t('consultations.import.mappingHint')}
        </Text>
        <ColumnRolesTable
          file={file}
          mapping={mapping}
          roles={importColumnRoles}
          roleLabel={(value) => t(`consultations.import.roles.${value}`)}
          personalRole="personal"
          ignoreRole="ignore"
          disabled={importing}
          onRole={onRole}
        />
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Radio.Group
            label={t('consultations.import.lateMode')}
            value={options.lateMode}
            onChange={(value) => onOptions({ lateMode: value as LateMode })}
          >
            <Stack gap={4} mt={4}>
              {lateModes.map((mode) => (
                <Radio key={mode} value={mode} label={t(`consultations.import.lateModes.${mode}`)} disabled={importing} />
              ))}
            </Stack>
          </Radio.Group>
          <Select
            label={t('consultations.import.defaultChannel')}
            description={t('consultations.import.defaultChannelHint')}
            data={consultationChannels.map((value) => ({ value, label: t(`consultations.channels.${value}`) }))}
            value={options.defaultChannel}
            onChange={(value) => value && onOptions({ defaultChannel: value as ConsultationChannel })}
            allowDeselect={false}
            disabled={importing}
          />
          <Select
            label={t('consultations.import.defaultValueGroupKind')}
            description={t('consultations.import.defaultValueGroupKindHint')}
            data={responseValueGroupKinds.map((value) => ({ value, label: t(`consultations.kinds.${value}`) }))}
            value={options.defaultValueGroupKind}
            onChange={(value) => value && onOptions({ defaultValueGroupKind: value as ResponseValueGroupKind })}
            allowDeselect={false}
            disabled={importing}
            error={fieldError(previewError, 'defaultValueGroupKind')}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button onClick={onPreview} loading={previewing} disabled={importing}>
            {t('consultations.import.preview')}
          </Button>
          <Button
            variant="default"
            disabled={importing}
            onClick={onDiscard}
          >
            {t('consultations.import.cancel')}
          </Button>
        </Group>
        {previewing && (
          <Text size="sm" role="status">
            {t('consultations.import.previewing')}
          </Text>
        )}
        {previewError !== null && <ImportFailed error={previewError} />}
      </Stack>
    </Paper>
  );
}
