import { describe, expect, it } from 'vitest';
import type { NextAppMeasures } from '../../bench/nextjs-app.js';
import { nextAppReport } from '../../bench/report.js';

const measures: NextAppMeasures = {
  next: '16.5.0',
  tarball: 'bench/nextjs/.pack/salesforce-connect-0.1.0.tgz',
  buildSeconds: 61.25,
  pageChunks: [
    { file: 'static/chunks/react.js', bytes: 2048, gzipBytes: 1024, kit: false },
    { file: 'static/chunks/kit.js', bytes: 4096, gzipBytes: 1536, kit: true },
  ],
  pageJs: { bytes: 6144, gzipBytes: 2560 },
  kitJs: { bytes: 4096, gzipBytes: 1536 },
  allChunks: { count: 3, bytes: 8192, gzipBytes: 3072 },
  views: [
    {
      route: '/connect',
      specifier: 'salesforce-connect/connect',
      views: [
        {
          view: 'connected',
          page: { bytes: 6144, gzipBytes: 2560, files: 2 },
          kit: { bytes: 4096, gzipBytes: 1536, files: 1 },
          files: [],
        },
        {
          view: 'setup',
          page: { bytes: 20480, gzipBytes: 10240, files: 3 },
          kit: { bytes: 18432, gzipBytes: 9216, files: 2 },
          files: [],
        },
      ],
    },
  ],
  checks: {
    serverRenderedKit: true,
    serverSafeExports: true,
    setupRouteAnswered: false,
    hydratedStatus: 'Not connected',
    consoleProblems: ['HTTP 404: http://127.0.0.1/favicon.ico'],
  },
};

describe('the Next.js section of the bench report', () => {
  const report = nextAppReport(measures);

  it('gives the build time and the page’s chunks, the kit’s marked, with totals', () => {
    expect(report).toContain('next build without SALESFORCE_CONNECT_KEY: 61.3 s');
    expect(report).toMatch(/static\/chunks\/kit\.js\s+yes\s+4\.0 KB\s+1\.5 KB/);
    expect(report).toMatch(/total\s+6\.0 KB\s+2\.5 KB/);
    expect(report).toMatch(/of which the kit's chunks\s+yes\s+4\.0 KB\s+1\.5 KB/);
  });

  it('gives each view the kit’s share of the page’s scripts, and a dash for a view not measured', () => {
    expect(report).toMatch(
      /Next\.js 16\.5\.0 \(Turbopack\)\s+salesforce-connect\/connect \(page \/connect\)\s+1\.5 KB \(1\) of 2\.5 KB \(2\)\s+9\.0 KB \(2\) of 10\.0 KB \(3\)\s+—\s+—/,
    );
  });

  it('says plainly which check failed and what the console said', () => {
    expect(report).toContain('server component rendered the kit: yes');
    expect(report).toContain('server component called explainError from the main entry: yes');
    expect(report).toContain('GET /api/salesforce/setup (handler created on first request): NO');
    expect(report).toContain('console errors and warnings: HTTP 404: http://127.0.0.1/favicon.ico');
  });
});
