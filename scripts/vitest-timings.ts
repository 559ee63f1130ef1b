// A Vitest reporter that records where the run's time goes, for the table `npm test` prints at
// the end: per test file (its project, wall time from start to end, and Vitest's own breakdown)
// and per project. Vitest's JSON report names files but not their project, and the same file can
// run in two projects (React 19 and React 18), so it cannot answer "which project is slow".
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export interface FileTiming {
  project: string;
  file: string;
  tests: number;
  ok: boolean;
  /** Wall time from the file's start in a worker (or browser) to its end. */
  wallMs: number;
  /** Vitest's breakdown: environment setup, setup files, import of the file, tests and hooks. */
  environmentMs: number;
  setupMs: number;
  importMs: number;
  testsMs: number;
  /** When the file started and ended, in ms from the start of the run (a timeline of the run). */
  startMs: number;
  endMs: number;
}

export interface ProjectTiming {
  project: string;
  files: number;
  tests: number;
  /** Sum of its files' wall times: what the project costs the workers. */
  fileMs: number;
  /** From its first file's start to its last file's end (projects overlap in one run). */
  spanMs: number;
}

export interface VitestTimings {
  runMs: number;
  projects: ProjectTiming[];
  files: FileTiming[];
}

export default class TimingsReporter implements Reporter {
  private readonly started = new Map<string, number>();
  private readonly files: (Omit<FileTiming, 'startMs' | 'endMs'> & {
    startedAt: number;
    endedAt: number;
  })[] = [];
  private root = process.cwd();
  private runStartedAt = Date.now();

  /** Where the report goes: `TIMINGS_FILE`, else `.test-results/vitest-timings.json`. */
  private outputFile = process.env.TIMINGS_FILE ?? '';

  onInit(vitest: Vitest) {
    this.root = vitest.config.root;
    this.outputFile ||= join(this.root, '.test-results', 'vitest-timings.json');
    this.runStartedAt = Date.now();
  }

  private key(module: TestModule) {
    return `${module.project.name}\0${module.moduleId}`;
  }

  onTestModuleStart(module: TestModule) {
    this.started.set(this.key(module), Date.now());
  }

  onTestModuleEnd(module: TestModule) {
    const endedAt = Date.now();
    const startedAt = this.started.get(this.key(module)) ?? endedAt;
    const diagnostic = module.diagnostic();
    this.files.push({
      project: module.project.name || '(root)',
      file: relative(this.root, module.moduleId),
      tests: [...module.children.allTests()].length,
      ok: module.ok(),
      wallMs: endedAt - startedAt,
      environmentMs: Math.round(diagnostic.environmentSetupDuration),
      setupMs: Math.round(diagnostic.setupDuration),
      importMs: Math.round(diagnostic.collectDuration),
      testsMs: Math.round(diagnostic.duration),
      startedAt,
      endedAt,
    });
  }

  onTestRunEnd() {
    const byProject = new Map<string, (typeof this.files)[number][]>();
    for (const file of this.files) {
      byProject.set(file.project, [...(byProject.get(file.project) ?? []), file]);
    }
    const projects: ProjectTiming[] = [...byProject].map(([project, files]) => ({
      project,
      files: files.length,
      tests: files.reduce((sum, file) => sum + file.tests, 0),
      fileMs: files.reduce((sum, file) => sum + file.wallMs, 0),
      spanMs:
        Math.max(...files.map((file) => file.endedAt)) -
        Math.min(...files.map((file) => file.startedAt)),
    }));
    const report: VitestTimings = {
      runMs: Date.now() - this.runStartedAt,
      projects: projects.sort((a, b) => b.fileMs - a.fileMs),
      files: this.files
        .map(({ startedAt, endedAt, ...file }) => ({
          ...file,
          startMs: startedAt - this.runStartedAt,
          endMs: endedAt - this.runStartedAt,
        }))
        .sort((a, b) => b.wallMs - a.wallMs),
    };
    mkdirSync(dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(report, null, 2)}\n`);
  }
}
