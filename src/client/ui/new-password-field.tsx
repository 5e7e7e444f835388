import { Button, Code, CopyButton, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from '../lib/generate-password';

interface NewPasswordFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/**
 * A new password for someone else (an account's, an organisation's first administrator's): typed, or generated (readable, random) and then shown in clear
 * with a copy button, so the administrator can hand it over.
 */
export function NewPasswordField({ label, name, value, onChange, onBlur, error, inputRef, autoFocus }: NewPasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);

  const generate = () => {
    const password = generatePassword();
    setGenerated(password);
    setVisible(true);
    onChange(password);
  };

  return (
    <Stack gap="xs">
      <PasswordInput
        ref={inputRef}
        name={name}
        label={label}
        description={t('passwordField.passwordHint')}
        autoComplete="new-password"
        required
        data-autofocus={autoFocus || undefined}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={onBlur}
        error={error}
        aria-invalid={error ? true : undefined}
        visible={visible}
        onVisibilityChange={setVisible}
        visibilityToggleButtonProps={{ 'aria-label': t('passwordField.showPassword'), tabIndex: 0 }}
      />
      <Group>
        <Button variant="default" size="xs" onClick={generate}>
          {t('passwordField.generate')}
        </Button>
      </Group>
      {generated !== null && generated === value && (
        <Paper withBorder p="sm" role="status">
          <Stack gap={6}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('passwordField.generated')}
              </Text>
              <Code fz="md" c="dark.9">
                {generated}
              </Code>
              <CopyButton value={generated}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="default" onClick={copy}>
                    {copied ? t('passwordField.copied') : t('passwordField.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">{t('passwordField.generatedHint')}</Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
