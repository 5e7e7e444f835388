import { useCallback, useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './wide-table.css';

interface Overflow {
  /** The table is wider than the space it has. */
  scrolls: boolean;
  /** The table is taller than `maxHeight`. */
  scrollsDown: boolean;
  moreLeft: boolean;
  moreRight: boolean;
}

const none: Overflow = { scrolls: false, scrollsDown: false, moreLeft: false, moreRight: false };

function measure(element: HTMLElement): Overflow {
  const { scrollWidth, clientWidth, scrollLeft, scrollHeight, clientHeight } = element;
  const scrollsDown = scrollHeight > clientHeight + 1;
  if (scrollWidth <= clientWidth + 1) return { ...none, scrollsDown };
  return { scrolls: true, scrollsDown, moreLeft: scrollLeft > 1, moreRight: scrollLeft + clientWidth < scrollWidth - 1 };
}

export interface WideTableProps {
  /** What the table is, for the scroll region's name («Lista de foros»). */
  label: string;
  /** The width below which the columns would squeeze: narrower than this, the table scrolls. */
  minWidth: number;
  /** On a phone (below 48em) when the table shows fewer columns there (the others `visibleFrom="sm"`). */
  narrowMinWidth?: number;
  /** A taller table scrolls vertically inside this height. */
  maxHeight?: number;
  /** The <Table>. */
  children: ReactNode;
}

/**
 * Every wide table of the app. When the table fits, it is just the table. When it does not (a phone, a narrow
 * window), it scrolls inside a region that is named, reachable with Tab and scrolled with the arrow keys (WCAG
 * 2.1.1), with a shadow on the side that still hides columns and a line saying so.
 */
export function WideTable({ label, minWidth, narrowMinWidth, maxHeight, children }: WideTableProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const viewport = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>(none);

  const update = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    const next = measure(element);
    setOverflow((current) => (current.scrolls === next.scrolls && current.scrollsDown === next.scrollsDown && current.moreLeft === next.moreLeft && current.moreRight === next.moreRight ? current : next));
  }, []);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [update]);

  const vars = {
    '--wide-table-min-width': `${minWidth}px`,
    ...(narrowMinWidth === undefined ? {} : { '--wide-table-narrow-min-width': `${narrowMinWidth}px` }),
  } as CSSProperties;

  return (
    <div className="wide-table-block">
      {overflow.scrolls && (
        <p className="wide-table-hint" id={hintId}>
          {t('wideTable.hint')} <span aria-hidden="true">→</span>
        </p>
      )}
      <div className="wide-table" data-more-left={overflow.moreLeft || undefined} data-more-right={overflow.moreRight || undefined}>
        <div
          ref={viewport}
          className="wide-table-viewport"
          style={{ ...vars, ...(maxHeight ? { maxHeight, overflowY: 'auto' } : {}) }}
          onScroll={update}
          // A region only when it scrolls: then it needs a name and a Tab stop; a table that fits needs neither.
          {...(overflow.scrolls || overflow.scrollsDown ? { role: 'region', 'aria-label': label, tabIndex: 0, 'aria-describedby': overflow.scrolls ? hintId : undefined } : {})}
        >
          {children}
        </div>
      </div>
    </div>
  );
}
