// The demo page, built once for stacks that serve it with `startDemoStack({ builtPage })` (the
// end-to-end tests): the same page as Vite's dev server gives `npm start`, bundled, so each test
// page loads a handful of files instead of the kit module by module, and no stack transforms the
// kit again.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { DEMO_LOGIN_HOSTS_GLOBAL } from './demo-contract.js';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the page into `outDir`. It stays a development build, so React's warnings reach the
 * console as on the dev server, and it reads its login hosts from the script the stack writes into
 * its HTML (each stack's simulator has ports of its own).
 *
 * @example
 * await buildDemoPage(join(tmp, 'page'));
 * const stack = await startDemoStack({ port: 0, simulatorPort: 0, builtPage: join(tmp, 'page') });
 */
export async function buildDemoPage(outDir: string): Promise<void> {
  await build({
    configFile: join(demoRoot, 'vite.config.ts'),
    mode: 'development',
    logLevel: 'warn',
    define: {
      [DEMO_LOGIN_HOSTS_GLOBAL]: `globalThis.${DEMO_LOGIN_HOSTS_GLOBAL}`,
      'process.env.NODE_ENV': JSON.stringify('development'),
    },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
    },
  });
}
