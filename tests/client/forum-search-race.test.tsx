import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  vi.useRealTimers();
  server?.close();
  server = undefined;
});

const shownRows = () => within(screen.getByRole('table', { name: 'Lista de foros' })).queryAllByRole('link').length;

describe('forum search box', () => {
  it('keeps every letter typed at about the search delay (its own URL update is not a back-button navigation)', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    await waitFor(() => expect(shownRows()).toBe(3));
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = screen.getByRole('searchbox', { name: /Buscar/ });
    // 290–305 ms between keys: some pauses are shorter than the 300 ms search delay, some longer, so the box's own
    // URL update arrives while the next letter is being typed.
    await user.click(box);
    await user.keyboard('c');
    // The next letters come 290–305 ms apart: when a pause is longer than the 300 ms search delay, the box's own URL
    // update is still being rendered when the next letter arrives (the same act: the timer fires, then the key).
    const pauses = [305, 290, 305, 305, 290];
    for (const [i, letter] of [...'ausas'].entries()) {
      act(() => {
        vi.advanceTimersByTime(pauses[i]!);
        fireEvent.change(box, { target: { value: `${(box as HTMLInputElement).value}${letter}` } });
      });
    }
    expect(box).toHaveValue('causas');
    await act(() => vi.advanceTimersByTimeAsync(400));
    await waitFor(() => expect(new URLSearchParams(app.router.state.location.search).get('q')).toBe('causas'));
    expect(box).toHaveValue('causas');

    // The back button is a navigation, not the box's own update: the box follows the URL.
    await act(() => app.router.navigate(-1));
    // (the box sent «c», «cau», «caus» and «causas» after the pauses longer than the delay)
    expect(app.router.state.location.search).toBe('?q=caus');
    expect(box).toHaveValue('caus');
    await act(() => app.router.navigate('/foros?q=mipg'));
    expect(box).toHaveValue('mipg');
  });
});
