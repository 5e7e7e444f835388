import { Alert, Button, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../domain/metrics-format';

/** A file's size as a person reads it: «12 KB», «1,5 MB». */
export function fileSizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${formatCount(Math.ceil(bytes / 1024))} KB` : `${formatCount(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

export interface ImportFilePickerProps {
  /** The button's text, also the file input's accessible name. */
  label: string;
  /** The file types offered (the input's `accept`). */
  accept: string;
  disabled?: boolean;
  /** A file being read: what is said meanwhile, and how far it got (0–1) when known. */
  reading?: { text: string; share?: number | null; progressLabel?: string } | null;
  /** A file that could not be read: its name and why. Closing the alert calls `onDismiss`. */
  failure?: { title: string; name: string; message: string; nothingSaved: string } | null;
  onDismiss?: () => void;
  onFile: (file: File) => void;
  /** Said beside the button (e.g. why it is disabled). */
  children?: ReactNode;
}

/**
 * The import's file picker, the same for every import: a button that opens the file dialog (the input itself is
 * hidden, with the button's name), the file being read (announced), and a file that could not be read, saying that
 * nothing was saved. Choosing the same file again reads it again.
 */
export function ImportFilePicker({ label, accept, disabled = false, reading, failure, onDismiss, onFile, children }: ImportFilePickerProps) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <Group gap="sm">
        <Button variant="default" onClick={() => inputRef.current?.click()} disabled={disabled} loading={Boolean(reading)}>
          {label}
        </Button>
        <input
          ref={inputRef}
          type="file"
          accept={accept}
          aria-label={label}
          hidden
          disabled={disabled}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) onFile(file);
          }}
        />
        {children}
      </Group>
      {reading && (
        <Stack gap={4} role="status" aria-live="polite">
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{reading.text}</Text>
          </Group>
          {reading.share != null && <Progress value={reading.share * 100} size="sm" aria-label={reading.progressLabel ?? reading.text} />}
        </Stack>
      )}
      {failure && (
        <Alert color="red" role="alert" title={failure.title} withCloseButton closeButtonLabel={t('actions.close')} onClose={onDismiss}>
          <Text size="sm">
            {failure.name}: {failure.message}
          </Text>
          <Text size="sm">{failure.nothingSaved}</Text>
        </Alert>
      )}
    </>
  );
}
