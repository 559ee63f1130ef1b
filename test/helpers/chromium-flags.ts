/**
 * Debian's Chromium and the flags it needs on these machines (TOOLCHAIN.md): no sandbox as root,
 * and no background network traffic, which the closed network would refuse. Constants only, so
 * vite.config.ts can read them without loading Playwright.
 */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
