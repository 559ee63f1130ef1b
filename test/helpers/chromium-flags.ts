/**
 * Debian's Chromium and the flags it needs on these machines (TOOLCHAIN.md): no sandbox as root,
 * and no background network traffic, which the closed network would refuse. Constants only, so
 * vite.config.ts can read them without loading Playwright.
 */
/**
 * What the tests drive: Debian's Chromium headless shell (package `chromium-headless-shell`), the
 * same engine and version as the browser without its window and UI layers, as Playwright's own
 * headless mode uses. The same six page loads of the demo cost 6.6 s of CPU in it against 13.4
 * to 15.3 s in the full browser (docs/design-changes.md, "The test suite").
 */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium-headless-shell';

/** The full browser, for the bench: what people open the pages with. */
export const CHROMIUM_BROWSER_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
