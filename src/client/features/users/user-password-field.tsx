import { Button, Code, CopyButton, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from './generate-password';

interface UserPasswordFieldProps {
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
 * A new password for someone else: typed, or generated (readable, random) and then shown in clear
 * with a copy button, so the administrator can hand it over.
 */
export function UserPasswordField({ label, name, value, onChange, onBlur, error, inputRef, autoFocus }: UserPasswordFieldProps) {
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
        description={t('users.fields.passwordHint')}
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
        visibilityToggleButtonProps={{ 'aria-label': t('users.fields.showPassword'), tabIndex: 0 }}
      />
      <Group>
        <Button variant="default" size="xs" onClick={generate}>
          {t('users.generate')}
        </Button>
      </Group>
      {generated !== null && generated === value && (
        <Paper withBorder p="sm" role="status">
          <Stack gap={6}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('users.generated')}
              </Text>
              <Code fz="md" c="dark.9">
                {generated}
              </Code>
              <CopyButton value={generated}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="default" onClick={copy}>
                    {copied ? t('users.copied') : t('users.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">{t('users.generatedHint')}</Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
