/**
 * jsdom has no layout: ProseMirror (the report editor) asks ranges for their rectangles to scroll the
 * selection into view. Empty rectangles are enough for page tests.
 */
if (typeof window !== 'undefined') {
  const emptyRects = () => {
    const list = [] as unknown as DOMRectList;
    (list as unknown as { item: () => null }).item = () => null;
    return list;
  };
  const emptyRect = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) }) as DOMRect;
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = emptyRects;
  if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = emptyRect;
  if (!document.elementFromPoint) document.elementFromPoint = () => null;
}
