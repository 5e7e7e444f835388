import { Alert, Button, Group, Image, Input, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { checkLogo, logoPath } from '../../domain/organization-logo';
import { api, errorMessage } from '../lib/http';
import { readFileBytes } from '../lib/read-file';
import { invalidateAfter } from '../lib/invalidation';
import { organizationKeys } from '../lib/query-keys';
import { confirmDestructive } from './confirm-destructive';

export interface LogoOwner {
  id: number;
  name: string;
  slug: string;
  /** The stored logo's hash, null when none. */
  logo: string | null;
  active?: boolean;
}

/** The frame of both logo controls: a titled region with its hint. */
function LogoSection({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * An organisation's logo (issue 15): the stored one's preview, a file input that checks the image in the browser
 * (the same rules as the server: PNG, JPEG or WebP by content, ≤ 256 KB, no SVG) and uploads it at once, and
 * «Quitar logo» after a confirmation. The system administrator's organisation page and an administrator's «Ajustes»
 * use it, each with its own address (`endpoint`).
 */
export function LogoUpload({ owner, endpoint }: { owner: LogoOwner; endpoint: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [logo, setLogo] = useState<string | null>(owner.logo);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: organizationKeys.detail(owner.id) });
    await invalidateAfter(queryClient, { kind: 'organization' });
  };
  const upload = useMutation({
    mutationFn: (bytes: Uint8Array<ArrayBuffer>) => putLogo(endpoint, bytes),
    onSuccess: async (saved) => {
      setLogo(saved.logo);
      notifications.show({ color: 'teal.9', message: t('organizations.logo.uploaded') });
      await refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: () => api<null>(endpoint, { method: 'DELETE' }),
    onSuccess: async () => {
      setLogo(null);
      notifications.show({ color: 'teal.9', message: t('organizations.logo.removed') });
      await refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });

  const visible = owner.active !== false;
  return (
    <LogoSection title={t('organizations.logo.title')} hint={t('organizations.logo.hint')}>
        {logo ? (
          visible ? (
            <Group gap="md" align="center">
              <Text size="sm" fw={600}>
                {t('organizations.logo.current')}
              </Text>
              <Image src={logoPath(owner.slug, logo)} alt={t('organizations.logo.previewAlt', { name: owner.name })} h={64} w="auto" fit="contain" data-testid="logo-preview" />
            </Group>
          ) : (
            <Text size="sm">{t('organizations.logo.inactive')}</Text>
          )
        ) : (
          <Text size="sm">{t('organizations.logo.none')}</Text>
        )}
        <LogoFileInput
          label={logo ? t('organizations.logo.fileReplace') : t('organizations.logo.file')}
          error={error}
          onError={setError}
          onChosen={(chosen) => upload.mutate(chosen.bytes)}
          disabled={upload.isPending || remove.isPending}
        />
        {upload.isPending && (
          <Alert color="blue" variant="light" role="status">
            {t('organizations.logo.uploading')}
          </Alert>
        )}
        {logo && (
          <Group>
            <Button
              variant="default"
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                confirmDestructive({
                  title: t('organizations.logo.removeTitle', { name: owner.name }),
                  message: t('organizations.logo.removeMessage'),
                  confirmLabel: t('organizations.logo.removeConfirm'),
                  onConfirm: () => {
                    setError(null);
                    remove.mutate();
                  },
                })
              }
            >
              {t('organizations.logo.remove')}
            </Button>
          </Group>
        )}
    </LogoSection>
  );
}

/** Sends a checked logo to its address (an organisation's own, or one the system administrator manages); its new address comes back. */
export function putLogo(endpoint: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ logo: string }> {
  return api<{ logo: string }>(endpoint, { method: 'PUT', raw: { body: bytes, contentType: 'application/octet-stream' } });
}

/** A logo file chosen and checked (content, size) in the browser. */
export interface ChosenLogo {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** The image as a data: address, for a preview (at most 256 KB). */
  preview: string;
}

function dataAddress(bytes: Uint8Array, mediaType: string): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mediaType};base64,${btoa(binary)}`;
}

/**
 * The logo's file input, for both forms: a native input (keyboard and screen readers know it), labelled and described
 * by Mantine's wrapper; the file is checked as the server checks it (PNG, JPEG or WebP by content, ≤ 256 KB, no SVG)
 * before anything else happens, and the reason goes to `onError`.
 */
function LogoFileInput({ label, error, onError, onChosen, disabled }: { label: string; error: string | null; onError: (message: string | null) => void; onChosen: (logo: ChosenLogo) => void; disabled?: boolean }) {
  const inputId = useId();
  const choose = async (chosen: File | null) => {
    onError(null);
    if (!chosen) return;
    const bytes = new Uint8Array(await readFileBytes(chosen));
    const checked = checkLogo(bytes);
    if (!checked.ok) return onError(checked.message);
    onChosen({ name: chosen.name, bytes, preview: dataAddress(bytes, checked.mediaType) });
  };
  return (
    <Input.Wrapper id={inputId} label={label} error={error}>
      <input
        id={inputId}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0] ?? null;
          // Cleared, so choosing the same file again (after fixing it) is a change.
          event.currentTarget.value = '';
          void choose(chosen);
        }}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        style={{ display: 'block', marginTop: 4 }}
      />
    </Input.Wrapper>
  );
}

/**
 * The logo on the new-organisation form: the same input and checks as `LogoUpload`, a preview of the chosen file and
 * a way to drop it. Nothing is uploaded here: the form sends it once the organisation is created.
 */
export function LogoChoice({ value, onChange, disabled }: { value: ChosenLogo | null; onChange: (logo: ChosenLogo | null) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <LogoSection title={t('organizations.logo.optional')} hint={t('organizations.logo.createHint')}>
        {value && (
          <Group gap="md" align="center">
            <Text size="sm" fw={600}>
              {t('organizations.logo.chosen', { name: value.name })}
            </Text>
            <Image src={value.preview} alt={t('organizations.logo.chosenAlt')} h={64} w="auto" fit="contain" />
          </Group>
        )}
        <LogoFileInput
          label={t('organizations.logo.file')}
          error={error}
          onError={(message) => {
            setError(message);
            if (message) onChange(null);
          }}
          onChosen={onChange}
          disabled={disabled}
        />
        {value && (
          <Group>
            <Button variant="default" onClick={() => onChange(null)} disabled={disabled}>
              {t('organizations.logo.clear')}
            </Button>
          </Group>
        )}
    </LogoSection>
  );
}
