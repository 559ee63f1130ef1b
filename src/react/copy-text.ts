/**
 * Where `copyText` copies: the window whose clipboard and document it uses.
 *
 * @example
 * await copyText('api refresh_token', { window: iframe.contentWindow });
 */
export interface CopyTextEnvironment {
  window?: Window | undefined;
}

/**
 * Puts text on the clipboard. Uses the Clipboard API; where the page has none (plain http, old
 * browsers) it falls back to copying from an off-screen text area inside the current click.
 * Resolves to whether the text was copied; a refusal by the Clipboard API is not retried (the
 * caller offers a manual copy instead).
 *
 * @example
 * const ok = await copyText(guideToMarkdown(guide));
 */
export async function copyText(
  text: string,
  environment: CopyTextEnvironment = {},
): Promise<boolean> {
  const win = environment.window ?? (typeof window === 'undefined' ? undefined : window);
  if (!win) return false;
  const clipboard = win.navigator.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
  const doc = win.document;
  const previous = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.insetInlineStart = '-9999px';
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus?.();
  return ok;
}
