import { RemoveScroll } from 'react-remove-scroll';
import { describe, expect, it } from 'vitest';
import { RemoveScroll as classNamesOnly } from '../../src/client/lib/remove-scroll-class-names';

describe('the class names Mantine’s AppShell bars get instead of react-remove-scroll (vite.config.ts)', () => {
  it('are the library’s own, so an open dialog’s scroll lock still keeps a fixed header in place', () => {
    expect(classNamesOnly.classNames).toEqual(RemoveScroll.classNames);
  });
});
