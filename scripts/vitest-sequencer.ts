// The order in which Vitest hands Node test files to its two workers (`npm test`).
//
// Vitest's own order runs projects alphabetically (dom, e2e, postgres, react18, ssr, unit) and,
// on a fresh clone with no timings cached, larger files first within each. The end-to-end files
// are the longest (20–30 s each: a demo stack, Chromium, whole flows), so in that order they ran
// in the middle and the Postgres files, which also start servers, near the end: the run's last
// minute was a few long files on two cores that had room for more. Longest projects first keeps
// the short files (unit: 1,788 tests in about 16 s) for the end, where they fill the gaps.
//
// A project's files stay together: a worker of a project without isolation is reused only for the
// next file of the same project (one jsdom and one module graph per worker, not one per file).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Projects in the order their files start; one not named here runs last. */
export const PROJECT_ORDER = [
  'e2e',
  'postgres',
  'dom',
  'dom:isolated',
  'react18',
  'react18:isolated',
  'ssr',
  'ssr:react18',
  'unit',
  'built',
] as const;

const rank = (file: TestSpecification) => {
  const index = (PROJECT_ORDER as readonly string[]).indexOf(file.project.name);
  return index === -1 ? PROJECT_ORDER.length : index;
};

export default class LongestProjectsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's order inside a project (failed first, then longer first when timings are cached,
    // else larger first), then the projects in the order above (Array#sort is stable).
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
