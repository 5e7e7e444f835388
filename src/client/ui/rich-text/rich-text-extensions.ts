import StarterKit from '@tiptap/starter-kit';
import { isAllowedHref } from '../../../domain/rich-text';

/**
 * Only what a report needs: paragraphs, headings 2–4, bold, italic, http(s)/mailto links, lists, quotes and
 * line breaks, with undo. Everything else (code, strike, underline, rules…) is left out, so pasted Word or web
 * content keeps its structure and loses its styling; the stored value is ProseMirror JSON, never HTML.
 */
export const reportEditorExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    trailingNode: false,
    link: {
      // Linkify knows http, https and mailto already (registering them again only warns); isAllowedUri keeps links to those three.
      autolink: true,
      openOnClick: false,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
];

