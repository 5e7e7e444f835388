import { forwardRef, type ComponentPropsWithoutRef } from 'react';

/**
 * The `ScrollArea` Mantine's `Table.ScrollContainer` renders, for Mantine's Table only (vite.config.ts resolves its
 * import here): a plain scrolling <div>. The app's tables scroll in WideTable (src/client/ui/wide-table.tsx) and
 * never use `Table.ScrollContainer`, yet `Table` carries it, and with it the whole ScrollArea (~4.5 KB gzip) on
 * every page with a table, the forum list first among them.
 */
type Props = ComponentPropsWithoutRef<'div'> & { offsetScrollbars?: unknown; scrollbars?: unknown; type?: unknown };

export const ScrollArea = forwardRef<HTMLDivElement, Props>(function ScrollArea({ offsetScrollbars: _offset, scrollbars: _bars, type: _type, style, ...props }, ref) {
  return <div ref={ref} style={{ overflow: 'auto', ...style }} {...props} />;
});
