import { useMergedRef } from '@mantine/hooks';
import type { Ref } from 'react';

/**
 * `useMergeRefs` of @floating-ui/react, for Mantine's ScrollArea only (vite.config.ts resolves its import here).
 * ScrollArea (inside every Mantine Table) takes just this hook from floating-ui; without the redirect the whole
 * floating-ui chunk (~20 KB gzip, needed by dropdowns and tooltips) came with the first table. Same behaviour:
 * one callback ref that sets every given ref.
 */
export function useMergeRefs<T>(refs: Array<Ref<T> | undefined>) {
  return useMergedRef<T>(...refs);
}
