import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
const restore: (() => void)[] = [];
afterEach(() => {
  server?.close();
  server = undefined;
  while (restore.length) restore.pop()!();
});

/** jsdom has no layout: the table viewports report this width for their content and this for themselves. */
function layout({ content, box }: { content: number; box: number }) {
  const viewport = (element: HTMLElement) => element.classList.contains('wide-table-viewport');
  for (const [name, value] of [
    ['scrollWidth', content],
    ['clientWidth', box],
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(Element.prototype, name)!;
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return viewport(this) ? value : original.get!.call(this);
      },
    });
    restore.push(() => delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name]);
  }
}

describe('wide tables (WideTable)', () => {
  it('a table wider than its space scrolls in a named region reached with Tab, with a hint and a shadow on the hidden side', async () => {
    layout({ content: 760, box: 390 });
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    const region = await screen.findByRole('region', { name: 'Lista de foros' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveAccessibleDescription('Deslice la tabla o use las flechas del teclado para ver todas las columnas');
    expect(within(region).getByRole('table')).toBeInTheDocument();
    const frame = region.parentElement!;
    expect(frame).toHaveAttribute('data-more-right');
    expect(frame).not.toHaveAttribute('data-more-left');

    // Scrolled to the end: the shadow moves to the left.
    Object.defineProperty(region, 'scrollLeft', { configurable: true, value: 370 });
    fireEvent.scroll(region);
    await waitFor(() => expect(frame).toHaveAttribute('data-more-left'));
    expect(frame).not.toHaveAttribute('data-more-right');
  });

  it('a table that fits is just the table: no region, no extra Tab stop, no hint', async () => {
    layout({ content: 900, box: 1100 });
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    await screen.findByRole('table', { name: 'Lista de foros' });
    expect(screen.queryByRole('region', { name: 'Lista de foros' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Deslice la tabla/)).not.toBeInTheDocument();
  });
});
