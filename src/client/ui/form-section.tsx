import { Fieldset, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled part of a form: a fieldset whose legend is an h2, so both screen-reader groups and headings work. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Fieldset
      legend={
        <Title order={2} size="h4">
          {title}
        </Title>
      }
      radius="md"
    >
      <Stack gap="md">{children}</Stack>
    </Fieldset>
  );
}
