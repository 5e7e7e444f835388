/**
 * `RemoveScroll` of react-remove-scroll as Mantine's AppShell header, aside and footer use it: only its
 * `classNames` (the class a fixed bar gets so an open dialog's scroll lock keeps it in place). vite.config.ts
 * resolves their import here: the whole library (~10 KB gzip, the dialogs' scroll lock) came with the app's
 * layout, before any dialog. The same class names as the library's (tests/unit/remove-scroll-class-names.test.ts).
 */
export const RemoveScroll = { classNames: { fullWidth: 'width-before-scroll-bar', zeroRight: 'right-scroll-bar-position' } };
