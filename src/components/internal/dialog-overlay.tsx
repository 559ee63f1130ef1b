import { useScrollLock } from '../../hooks/use-scroll-lock.js';

/**
 * The dim layer behind both dialogs, and the page's scroll lock while it is there: it renders
 * inside `Dialog.Portal`, which mounts it only while the dialog is open. A plain element rather
 * than Radix's `Dialog.Overlay`, which pulls in a scroll-lock library (4 KB). `pointerEvents` is
 * set inline because Radix turns pointer events off on the body while a modal is open.
 */
export function DialogOverlay({
  unstyled,
  theme,
}: {
  unstyled: boolean | undefined;
  theme: 'light' | 'dark' | undefined;
}) {
  useScrollLock(true);
  return (
    <div
      className={unstyled ? undefined : 'sfc-scope sfc-dialog-overlay'}
      data-sfc-part="dialog-overlay"
      style={{ pointerEvents: 'auto' }}
      aria-hidden
      {...(theme ? { 'data-theme': theme } : {})}
    />
  );
}
