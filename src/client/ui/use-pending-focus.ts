import { useEffect, useRef, useState } from 'react';

/**
 * Focus that waits for the render that shows its target (an alert, the first invalid field): `requestFocus(target)`
 * re-renders, and after every render the pending target is looked up with `find` and focused once it exists.
 */
export function usePendingFocus<T extends string>(find: (target: T) => HTMLElement | null | undefined): (target: T) => void {
  const pendingFocus = useRef<T | null>(null);
  const [, setFocusSeq] = useState(0);
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const element = find(target);
    if (element) {
      pendingFocus.current = null;
      element.focus();
    }
  });
  return (target: T) => {
    pendingFocus.current = target;
    setFocusSeq((n) => n + 1);
  };
}
