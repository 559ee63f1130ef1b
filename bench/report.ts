import type { AppBundlerResult } from './app-views.js';
import type { LoadResult } from './bounded-load.js';
import type { BrowserMeasures, Spread } from './browser-measures.js';
import type { BundleMeasurement } from './bundle-cost.js';
import type { NextAppMeasures } from './nextjs-app.js';
import type { NextRouteViews } from './nextjs-views.js';
import type { PostgresThroughput } from './server-postgres.js';
import type { ServerThroughput } from './server-throughput.js';
import { formatKilobytes } from './size.js';
import { formatTable } from './table.js';

/**
 * The bundle-cost comparison as the bench prints it: one row per subject, with whether it loads
 * code from its vendor at run time.
 *
 * @example
 * console.log(bundleReport(rows));
 */
export function bundleReport(rows: readonly BundleMeasurement[]): string {
  const size = (row: BundleMeasurement, key: 'min' | 'gzip') =>
    row.size ? formatKilobytes(row.size[key]) : '—';
  return formatTable(
    [
      { header: 'subject', cell: (row) => row.specifier },
      { header: 'version', cell: (row) => row.version },
      { header: 'imports', cell: (row) => row.imports },
      { header: 'min', cell: (row) => size(row, 'min'), align: 'right' },
      { header: 'gzip', cell: (row) => size(row, 'gzip'), align: 'right' },
      {
        header: 'loads remote code at run time',
        cell: (row) => (row.remote ? `yes: ${row.remote.what}` : 'no'),
      },
      { header: 'notes', cell: (row) => (row.error ? `NOT MEASURED: ${row.error}` : row.notes) },
    ],
    rows,
  );
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * The Chromium measures: popup timing, renders while typing, callback to "Connected".
 *
 * @example
 * console.log(browserReport(measures));
 */
export function browserReport(measures: BrowserMeasures): string {
  const timing = formatTable<{ measure: string; spread: Spread; samples: number }>(
    [
      { header: 'measure', cell: (row) => row.measure },
      { header: 'samples', cell: (row) => String(row.samples), align: 'right' },
      { header: 'median', cell: (row) => ms(row.spread.median), align: 'right' },
      { header: 'p95', cell: (row) => ms(row.spread.p95), align: 'right' },
      { header: 'min', cell: (row) => ms(row.spread.min), align: 'right' },
      { header: 'max', cell: (row) => ms(row.spread.max), align: 'right' },
    ],
    [
      {
        measure: 'click reaches the window → window.open',
        spread: measures.popup.clickToOpenMs,
        samples: measures.popup.samples,
      },
      {
        measure: 'input event created → window.open',
        spread: measures.popup.inputToOpenMs,
        samples: measures.popup.samples,
      },
      {
        measure: 'callback message → status says "Connected" (server stack)',
        spread: measures.callback.messageToConnectedMs,
        samples: measures.callback.samples,
      },
      {
        measure: '  of which: message → kit sends GET /connection',
        spread: measures.callback.breakdown.kitToRequestMs,
        samples: measures.callback.breakdown.samples,
      },
      {
        measure: '  of which: GET /connection (server, loopback)',
        spread: measures.callback.breakdown.requestMs,
        samples: measures.callback.breakdown.samples,
      },
      {
        measure: '  of which: answer → "Connected" in the DOM',
        spread: measures.callback.breakdown.responseToConnectedMs,
        samples: measures.callback.breakdown.samples,
      },
      {
        measure: '  React rendering in the whole interval (Profiler)',
        spread: measures.callback.breakdown.reactRenderMs,
        samples: measures.callback.breakdown.samples,
      },
    ],
  );
  const popup = measures.popup;
  const verdict = popup.synchronous
    ? `window.open ran inside the click's dispatch in every sample: ${popup.awaitsBeforeOpen ?? '?'} awaits before it`
    : `window.open came after the click's dispatch (${popup.awaitsBeforeOpen ?? 'unknown'} microtask turns): an await precedes it`;
  const typing = formatTable(
    [
      { header: 'app', cell: (row) => row.app },
      { header: 'typing into', cell: (row) => row.field },
      { header: 'keys', cell: (row) => String(row.keystrokes), align: 'right' },
      { header: 'form renders', cell: (row) => String(row.formRenders), align: 'right' },
      {
        header: 'per key',
        cell: (row) => row.formRendersPerKeystroke.toFixed(2),
        align: 'right',
      },
      { header: 'guide renders', cell: (row) => String(row.guideRenders), align: 'right' },
      { header: 'commits', cell: (row) => String(row.commits), align: 'right' },
      {
        header: 'render ms per key',
        cell: (row) => row.renderMsPerKeystroke.toFixed(3),
        align: 'right',
      },
    ],
    measures.typing,
  );
  return [
    `${measures.browser}; app: ${measures.app}`,
    '',
    timing,
    '',
    `${verdict}; user activation held: ${popup.userActivation ? 'yes' : 'NO'}.`,
    '',
    typing,
  ].join('\n');
}

/**
 * The server's throughput against the simulator.
 *
 * @example
 * console.log(serverReport(throughput));
 */
export function serverReport(throughput: ServerThroughput): string {
  const rows: Array<{ route: string; result: LoadResult }> = [
    { route: 'GET /connection (connected tenant)', result: throughput.getConnection },
    {
      route: 'GET /oauth/callback (code exchange, new tenant each)',
      result: throughput.callbackExchange,
    },
  ];
  const table = formatTable(
    [
      { header: 'request', cell: (row) => row.route },
      { header: 'done', cell: (row) => String(row.result.requests), align: 'right' },
      { header: 'failed', cell: (row) => String(row.result.failures), align: 'right' },
      { header: 'seconds', cell: (row) => row.result.seconds.toFixed(2), align: 'right' },
      { header: 'req/s', cell: (row) => row.result.perSecond.toFixed(0), align: 'right' },
      { header: 'p50', cell: (row) => ms(row.result.latencyMs.p50), align: 'right' },
      { header: 'p95', cell: (row) => ms(row.result.latencyMs.p95), align: 'right' },
    ],
    rows,
  );
  const { maxRequests, maxMs, concurrency } = throughput.limits;
  return [
    `${throughput.setup}; ${concurrency} in flight; each loop stops at ${maxRequests} requests or ${maxMs / 1000} s`,
    '',
    table,
  ].join('\n');
}

/**
 * What the bench app (`<SalesforceConnect>` + `createFetchAdapter`) loads per view, per bundler
 * and import: gzip of each file, summed over the files the view needs.
 *
 * @example
 * console.log(appViewsReport(await measureAppViews()));
 */
export function appViewsReport(results: readonly AppBundlerResult[]): string {
  const cell = (result: AppBundlerResult, view: string) => {
    const cost = result.views.find((entry) => entry.view === view);
    return cost ? `${formatKilobytes(cost.size.gzip)} (${cost.files})` : '—';
  };
  return formatTable(
    [
      { header: 'bundler', cell: (row) => `${row.bundler} ${row.version}` },
      { header: 'imports from', cell: (row) => row.specifier },
      { header: 'connected', cell: (row) => cell(row, 'connected'), align: 'right' },
      { header: 'setup', cell: (row) => cell(row, 'setup'), align: 'right' },
      { header: 'dialog open', cell: (row) => cell(row, 'dialog'), align: 'right' },
      { header: 'total', cell: (row) => cell(row, 'total'), align: 'right' },
      { header: 'notes', cell: (row) => (row.error ? `NOT MEASURED: ${row.error}` : '') },
    ],
    results,
  );
}

/**
 * What each page of the Next.js app loaded per view in Chromium: the kit's share (the kit and its
 * dependencies, comparable to the Vite and esbuild rows, which leave React out) and, after "of",
 * every script the page loaded (React, Next.js and the kit). gzip level 9 per file, summed.
 *
 * @example
 * console.log(nextViewsReport(measures.views, measures.next));
 */
export function nextViewsReport(routes: readonly NextRouteViews[], next: string): string {
  const cell = (route: NextRouteViews, view: string) => {
    const cost = route.views.find((entry) => entry.view === view);
    if (!cost) return '—';
    return `${formatKilobytes(cost.kit.gzipBytes)} (${cost.kit.files}) of ${formatKilobytes(cost.page.gzipBytes)} (${cost.page.files})`;
  };
  return formatTable(
    [
      { header: 'bundler', cell: () => `Next.js ${next} (Turbopack)` },
      { header: 'imports from', cell: (row) => `${row.specifier} (page ${row.route})` },
      { header: 'connected', cell: (row) => cell(row, 'connected'), align: 'right' },
      { header: 'setup', cell: (row) => cell(row, 'setup'), align: 'right' },
      { header: 'dialog open', cell: (row) => cell(row, 'dialog'), align: 'right' },
      { header: 'total', cell: (row) => cell(row, 'total'), align: 'right' },
    ],
    routes,
  );
}

/**
 * The Next.js app section: build time, the JavaScript the page loads (the kit's chunks marked),
 * and the end-to-end checks.
 *
 * @example
 * console.log(nextAppReport(measures));
 */
export function nextAppReport(measures: NextAppMeasures): string {
  const table = formatTable(
    [
      { header: 'chunk the page loads', cell: (row) => row.file },
      { header: 'kit', cell: (row) => (row.kit ? 'yes' : '') },
      { header: 'min', cell: (row) => formatKilobytes(row.bytes), align: 'right' },
      { header: 'gzip', cell: (row) => formatKilobytes(row.gzipBytes), align: 'right' },
    ],
    [
      ...measures.pageChunks,
      { file: 'total', kit: false, ...measures.pageJs },
      { file: "of which the kit's chunks", kit: true, ...measures.kitJs },
    ],
  );
  const { checks } = measures;
  return [
    `next ${measures.next}, App Router, production build of ${measures.tarball}`,
    `next build without SALESFORCE_CONNECT_KEY: ${measures.buildSeconds.toFixed(1)} s`,
    `all built chunks: ${measures.allChunks.count}, ${formatKilobytes(measures.allChunks.bytes)} min, ${formatKilobytes(measures.allChunks.gzipBytes)} gzip`,
    '',
    table,
    '',
    "Per view in Chromium (idle prefetch held back): the kit's share (kit and dependencies, by source map) of every script the page loaded; gzip level 9 per file, summed; (n) files. connected: the status after sign-in; setup: nothing saved, guide and form; dialog open: credentials saved, the Connect click's popup and dialog; total: every chunk the page can load.",
    '',
    measures.views.length > 0 ? nextViewsReport(measures.views, measures.next) : '(not measured)',
    '',
    `server component rendered the kit: ${checks.serverRenderedKit ? 'yes' : 'NO'}`,
    `server component called explainError from the main entry: ${checks.serverSafeExports ? 'yes' : 'NO'}`,
    `GET /api/salesforce/setup (handler created on first request): ${checks.setupRouteAnswered ? 'yes' : 'NO'}`,
    `hydrated in Chromium, status: "${checks.hydratedStatus}"`,
    `console errors and warnings: ${checks.consoleProblems.length === 0 ? 'none' : checks.consoleProblems.join(' | ')}`,
  ].join('\n');
}

/**
 * The server's throughput on a real PostgreSQL server, one row per route and process count.
 *
 * @example
 * console.log(postgresReport(throughput));
 */
export function postgresReport(throughput: PostgresThroughput): string {
  const rows = throughput.runs.flatMap((run) => [
    {
      route: 'GET /connection (connected tenant)',
      processes: run.processes,
      result: run.getConnection,
    },
    {
      route: 'GET /oauth/callback (code exchange, new tenant each)',
      processes: run.processes,
      result: run.callbackExchange,
    },
  ]);
  const table = formatTable(
    [
      { header: 'request', cell: (row) => row.route },
      { header: 'processes', cell: (row) => String(row.processes), align: 'right' },
      { header: 'done', cell: (row) => String(row.result.requests), align: 'right' },
      { header: 'failed', cell: (row) => String(row.result.failures), align: 'right' },
      { header: 'seconds', cell: (row) => row.result.seconds.toFixed(2), align: 'right' },
      { header: 'req/s', cell: (row) => row.result.perSecond.toFixed(0), align: 'right' },
      { header: 'p50', cell: (row) => ms(row.result.latencyMs.p50), align: 'right' },
      { header: 'p95', cell: (row) => ms(row.result.latencyMs.p95), align: 'right' },
    ],
    rows,
  );
  return [`${throughput.postgres}; ${throughput.setup}`, '', table].join('\n');
}
