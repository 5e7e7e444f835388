import { Alert, List, Text } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import { errorMessage } from '../lib/http';

interface ServerIssuesAlertProps {
  title: string;
  /** One line before the list: the server refused what the form sent. */
  intro: string;
  issues: readonly { path: string; message: string }[];
  alertRef?: Ref<HTMLDivElement>;
  /** What the form adds below the list (e.g. a link to the record that is in the way). */
  children?: ReactNode;
}

/** The server refused the save (400 with field issues the form could not place): each message, in a red alert that takes focus. */
export function ServerIssuesAlert({ title, intro, issues, alertRef, children }: ServerIssuesAlertProps) {
  return (
    <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={title}>
      <Text size="sm" mb="xs">
        {intro}
      </Text>
      <List size="sm">
        {issues.map((issue, i) => (
          <List.Item key={`${issue.path}-${i}`}>{issue.message}</List.Item>
        ))}
      </List>
      {children}
    </Alert>
  );
}

/** The save failed for another reason (network, server): the reason, and that the typing is kept. */
export function SaveErrorAlert({ title, error, kept, alertRef }: { title: string; error: unknown; kept: string; alertRef?: Ref<HTMLDivElement> }) {
  return (
    <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={title}>
      <Text size="sm">{errorMessage(error)}</Text>
      <Text size="sm">{kept}</Text>
    </Alert>
  );
}
