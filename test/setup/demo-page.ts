// The demo page for the end-to-end stacks, built once per run and handed to the files with
// `inject('demoPage')`: every stack serves the same build instead of starting Vite's dev server
// and transforming the kit again (demo/build-page.ts). It is the globalSetup of both projects that
// start stacks (`e2e` and `postgres`); both run in Vitest's main process and share one build,
// removed when the last of them tears down.
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

/** The run's one build and how many projects use it (on globalThis: one per process). */
const shared = globalThis as { sfcDemoPage?: { dir: Promise<string>; users: number } | undefined };

async function build(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sfc-demo-page-'));
  await buildDemoPage(dir);
  return dir;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.sfcDemoPage ??= { dir: build(), users: 0 };
  const page = shared.sfcDemoPage;
  page.users += 1;
  project.provide('demoPage', await page.dir);
  return async () => {
    page.users -= 1;
    if (page.users > 0) return;
    if (shared.sfcDemoPage === page) shared.sfcDemoPage = undefined;
    await rm(await page.dir, { recursive: true, force: true });
  };
}
