// The demo page for the end-to-end stacks, built once per run (the `e2e` and `postgres` projects'
// globalSetup) and handed to the files with `inject('demoPage')`: every stack serves the same
// build instead of starting Vite's dev server and transforming the kit again (demo/build-page.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDemoPage } from '../../demo/build-page.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built demo page's folder, for `startDemoStack({ builtPage })`. */
    demoPage: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'sfc-demo-page-'));
  await buildDemoPage(dir);
  project.provide('demoPage', dir);
  return () => rm(dir, { recursive: true, force: true });
}
