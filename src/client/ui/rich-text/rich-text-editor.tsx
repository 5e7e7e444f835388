import './rich-text.css';
import { ActionIcon, Button, Group, Modal, Stack, TextInput, Tooltip } from '@mantine/core';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isAllowedHref, type RichDoc } from '../../../domain/rich-text';
import { toStoredDoc } from './editor-doc';
import { reportEditorExtensions as extensions } from './rich-text-extensions';
import { cleanPastedHtml } from './paste-cleanup';
import { cspNonce } from '../../lib/csp-nonce';
// One file per icon (not the package's index), so only these icons are bundled.
import IconArrowBackUp from '@tabler/icons-react/icons/IconArrowBackUp';
import IconArrowForwardUp from '@tabler/icons-react/icons/IconArrowForwardUp';
import IconBlockquote from '@tabler/icons-react/icons/IconBlockquote';
import IconBold from '@tabler/icons-react/icons/IconBold';
import IconHeading from '@tabler/icons-react/icons/IconHeading';
import IconItalic from '@tabler/icons-react/icons/IconItalic';
import IconLink from '@tabler/icons-react/icons/IconLink';
import IconList from '@tabler/icons-react/icons/IconList';
import IconListNumbers from '@tabler/icons-react/icons/IconListNumbers';

/** The toolbar's icons: drawn (SVG, no emoji font needed), hidden from assistive technology (the button has the name). */
const icon = { size: 18, stroke: 1.75, 'aria-hidden': true } as const;

export interface RichTextEditorProps {
  /** The starting document; later changes of this prop are ignored (remount with a new key to replace it). */
  content: RichDoc;
  /** Accessible name of the text area. */
  label: string;
  editable: boolean;
  onChange: (doc: RichDoc) => void;
  /** The text currently selected in the editor ('' when none), for "Comentar selección". */
  onSelectionText?: (text: string) => void;
  /** A click or key in the editor while it is not editable (e.g. an approved section). */
  onLockedAttempt?: () => void;
  /** 'end': the editor takes the focus when it appears, with the caret after the last letter (to go on writing). */
  autoFocus?: 'end';
}

interface ToolbarState {
  heading: boolean;
  bold: boolean;
  italic: boolean;
  bulletList: boolean;
  orderedList: boolean;
  link: boolean;
  blockquote: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

function ToolbarButton({ label, pressed, disabled, onClick, children }: { label: string; pressed?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip label={label} withArrow openDelay={400}>
      <ActionIcon
        variant={pressed ? 'filled' : 'default'}
        color={pressed ? 'blue.9' : undefined}
        size="lg"
        aria-label={label}
        aria-pressed={pressed === undefined ? undefined : pressed}
        disabled={disabled}
        // Keep the editor's selection: the click must not move focus away before the command runs.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Left/right arrows move between the toolbar's buttons (the toolbar pattern), Tab leaves it. */
function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]?.focus();
  event.preventDefault();
}

function LinkDialog({ editor, opened, onClose }: { editor: Editor; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';

  const apply = () => {
    const value = url.trim();
    if (!isAllowedHref(value)) {
      setError(t('reports.toolbar.linkInvalid'));
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: value } }] }).run();
    else chain.setLink({ href: value }).run();
    onClose();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      opened={opened}
      onClose={onClose}
      title={t('reports.toolbar.linkTitle')}
      centered
      transitionProps={{ onEnter: () => (setUrl(current), setError(null)) }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
        noValidate
      >
        <Stack gap="md">
          <TextInput
            label={t('reports.toolbar.linkUrl')}
            description={t('reports.toolbar.linkHint')}
            value={url}
            onChange={(event) => {
              setUrl(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            inputMode="url"
            data-autofocus
            required
          />
          <Group justify="space-between">
            {current ? (
              <Button
                variant="default"
                color="red"
                onClick={() => {
                  editor.chain().focus().extendMarkRange('link').unsetLink().run();
                  onClose();
                }}
              >
                {t('reports.toolbar.linkRemove')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit">{t('reports.toolbar.linkApply')}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The section's rich text editor (Tiptap) with an accessible toolbar. Lazy-load it: it carries ProseMirror. */
export function RichTextEditor({ content, label, editable, onChange, onSelectionText, onLockedAttempt, autoFocus }: RichTextEditorProps) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const callbacks = useRef({ onChange, onSelectionText });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onSelectionText };
  });

  const editor = useEditor(
    {
      extensions,
      content,
      editable,
      // The document starts with its selection there, and the editor focuses itself right after mounting.
      autofocus: autoFocus && editable ? autoFocus : false,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      // The editor's base styles go in a <style> element: it carries the page's nonce (Content-Security-Policy).
      injectNonce: cspNonce(),
      editorProps: {
        attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', class: 'report-editor-content' },
        transformPastedHTML: (html) => cleanPastedHtml(html),
      },
      onUpdate: ({ editor: e }) => callbacks.current.onChange(toStoredDoc(e.getJSON())),
      onSelectionUpdate: ({ editor: e }) => {
        const { from, to } = e.state.selection;
        callbacks.current.onSelectionText?.(from === to ? '' : e.state.doc.textBetween(from, to, '\n'));
      },
    },
    [],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  const state = useEditorState<ToolbarState>({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading'),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      blockquote: e.isActive('blockquote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => command(editor.chain().focus()).run();
  const off = !editable;

  return (
    <div className="report-editor" data-readonly={off || undefined} onClickCapture={off ? onLockedAttempt : undefined}>
      {editable && (
        <Group gap={4} p={4} role="toolbar" aria-label={t('reports.toolbar.label')} onKeyDown={onToolbarKeyDown} className="report-editor-toolbar">
          <ToolbarButton label={t('reports.toolbar.heading')} pressed={state.heading} onClick={() => run((c) => c.toggleHeading({ level: 2 }))}>
            <IconHeading {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.bold')} pressed={state.bold} onClick={() => run((c) => c.toggleBold())}>
            <IconBold {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.italic')} pressed={state.italic} onClick={() => run((c) => c.toggleItalic())}>
            <IconItalic {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.bulletList')} pressed={state.bulletList} onClick={() => run((c) => c.toggleBulletList())}>
            <IconList {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.orderedList')} pressed={state.orderedList} onClick={() => run((c) => c.toggleOrderedList())}>
            <IconListNumbers {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.link')} pressed={state.link} onClick={() => setLinkOpen(true)}>
            <IconLink {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.blockquote')} pressed={state.blockquote} onClick={() => run((c) => c.toggleBlockquote())}>
            <IconBlockquote {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.undo')} disabled={!state.canUndo} onClick={() => run((c) => c.undo())}>
            <IconArrowBackUp {...icon} />
          </ToolbarButton>
          <ToolbarButton label={t('reports.toolbar.redo')} disabled={!state.canRedo} onClick={() => run((c) => c.redo())}>
            <IconArrowForwardUp {...icon} />
          </ToolbarButton>
        </Group>
      )}
      <EditorContent editor={editor} />
      <LinkDialog editor={editor} opened={linkOpen} onClose={() => setLinkOpen(false)} />
    </div>
  );
}
