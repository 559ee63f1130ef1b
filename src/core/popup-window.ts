/**
 * The window name every Salesforce popup of the kit uses, so the browser reuses one window.
 *
 * @example
 * window.open('', POPUP_WINDOW_NAME)?.focus(); // finds the kit's popup if it is open
 */
export const POPUP_WINDOW_NAME = 'salesforce-connect';

/**
 * Salesforce's login and consent pages fit this size without scrolling on a laptop screen.
 *
 * @example
 * placePopup(window, { ...DEFAULT_POPUP_SIZE, height: 760 });
 */
export const DEFAULT_POPUP_SIZE = { width: 520, height: 680 } as const;

/**
 * The parts of the opener's window that place the popup; `window` is one.
 *
 * @example
 * const host: PopupPlacementHost = { screenX: 0, screenY: 0, outerWidth: 1280, outerHeight: 800 };
 */
export interface PopupPlacementHost {
  screenX: number;
  screenY: number;
  outerWidth: number;
  outerHeight: number;
  /** `availLeft`/`availTop` are Chromium and Firefox extras; absent elsewhere. */
  screen?: { availWidth: number; availHeight: number; availLeft?: number; availTop?: number };
}

/**
 * Where and how big a popup should be, in screen pixels.
 *
 * @example
 * const { left, top } = placePopup(window);
 */
export interface PopupPlacement {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));
const finite = (value: number | undefined, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * Centers a popup of the wanted size on the opener's window, shrunk to fit the screen and kept
 * on it (a window half off-screen hides Salesforce's "Allow" button).
 *
 * @example
 * placePopup({ screenX: 0, screenY: 0, outerWidth: 1280, outerHeight: 800 }, { width: 520, height: 680 })
 * // { left: 380, top: 60, width: 520, height: 680 }
 */
export function placePopup(
  host: PopupPlacementHost,
  size: { width: number; height: number } = DEFAULT_POPUP_SIZE,
): PopupPlacement {
  const screenX = finite(host.screenX, 0);
  const screenY = finite(host.screenY, 0);
  const screenLeft = finite(host.screen?.availLeft, 0);
  const screenTop = finite(host.screen?.availTop, 0);
  const screenWidth = finite(host.screen?.availWidth, Number.POSITIVE_INFINITY);
  const screenHeight = finite(host.screen?.availHeight, Number.POSITIVE_INFINITY);
  const width = Math.round(clamp(size.width, 1, screenWidth));
  const height = Math.round(clamp(size.height, 1, screenHeight));
  const centeredLeft = screenX + (finite(host.outerWidth, width) - width) / 2;
  const centeredTop = screenY + (finite(host.outerHeight, height) - height) / 2;
  return {
    left: Math.round(clamp(centeredLeft, screenLeft, screenLeft + screenWidth - width)),
    top: Math.round(clamp(centeredTop, screenTop, screenTop + screenHeight - height)),
    width,
    height,
  };
}

/**
 * The `window.open` features string for a placed popup. `popup=yes` asks for a minimal window
 * rather than a tab; `noopener` is deliberately absent, since the kit needs the window handle to
 * focus it, watch it close and check `event.source`.
 *
 * @example
 * window.open(url, POPUP_WINDOW_NAME, popupFeatures(placePopup(window)));
 */
export function popupFeatures(placement: PopupPlacement): string {
  const { left, top, width, height } = placement;
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}
