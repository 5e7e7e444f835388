import { useEffect, useState, type RefObject } from 'react';

/**
 * The text selected inside `container` (the section's text), kept while the selection moves outside it (e.g. a
 * click on "Comentar selección"), cleared when the person collapses it inside.
 */
export function useSelectionWithin(container: RefObject<HTMLElement | null>): string {
  const [text, setText] = useState('');
  useEffect(() => {
    const onChange = () => {
      const selection = document.getSelection();
      const root = container.current;
      if (!selection || !root || selection.rangeCount === 0) return;
      const inside = root.contains(selection.anchorNode) && root.contains(selection.focusNode);
      if (!inside) return;
      setText(selection.isCollapsed ? '' : selection.toString().trim().slice(0, 2000));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [container]);
  return text;
}
