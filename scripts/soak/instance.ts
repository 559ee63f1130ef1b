// One handler process of the soak: `createConnectHandler` over the Postgres store (node-postgres,
// one shared database), on a loopback port of its own. Started by scripts/soak/storm.ts with its
// settings as JSON in SOAK_INSTANCE; prints `READY <port>`, then one `LOG <json>` line per logger
// call, and serves until its stdin closes.
//
// Besides the handler's routes (under /api/salesforce, reached through the round-robin), it
// answers two soak-only routes on its own port:
//   GET /soak/session?tenant=…[&force=1]  getSalesforceSession, then one REST call with the token
//   GET /soak/report                      what it saw at the token endpoint (for the invariants)
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { ConnectError } from '../../src/core/errors.js';
import { createConnectHandler } from '../../src/server/handler.js';
import { toNodeListener } from '../../src/server/node.js';
import { createPostgresStore } from '../../src/server/stores/postgres.js';

/** What the orchestrator tells each instance. */
export interface SoakInstanceSettings {
  database: { host: string; port: number; user: string; database: string };
  publicUrl: string;
  encryptionKey: string;
  allowedOrigin: string;
  allowedLoginHost: string;
  connectionCheckIntervalMs: number;
  accessTokenMaxAgeMs: number;
  poolSize: number;
}

/** What `/soak/session` answers. */
export interface SoakSessionAnswer {
  ok: boolean;
  /** The ConnectError code when the session was refused. */
  code?: string;
  /** The REST call answered 401 with the first token: refreshed by force and tried again. */
  staleToken?: boolean;
  /** Status of the REST call made with the token (200 when the grant is alive). */
  apiStatus?: number;
}

/** What `/soak/report` answers. */
export interface SoakInstanceReport {
  /** SHA-256 of every authorization code this instance sent to the token endpoint. */
  codesExchanged: string[];
  /** Every token the token endpoint returned here (access, refresh, id), for the leak scan. */
  tokens: string[];
  refreshCalls: number;
  refreshRefused: number;
  exchangeCalls: number;
}

const settings = JSON.parse(process.env.SOAK_INSTANCE ?? 'null') as SoakInstanceSettings | null;
if (!settings) throw new Error('SOAK_INSTANCE is missing: this process is started by the soak.');

const report: SoakInstanceReport = {
  codesExchanged: [],
  tokens: [],
  refreshCalls: 0,
  refreshRefused: 0,
  exchangeCalls: 0,
};

// The instance's way out to Salesforce, watched: which codes it exchanged, which tokens it got.
const watchingFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const isToken = url.includes('/services/oauth2/token');
  const form = isToken && typeof init?.body === 'string' ? new URLSearchParams(init.body) : null;
  const body = init?.body instanceof URLSearchParams ? init.body : form;
  const grant = body?.get('grant_type');
  if (grant === 'authorization_code') {
    report.exchangeCalls++;
    report.codesExchanged.push(
      createHash('sha256')
        .update(body?.get('code') ?? '')
        .digest('hex'),
    );
  }
  if (grant === 'refresh_token') report.refreshCalls++;
  const response = await fetch(input, init);
  if (isToken) {
    if (grant === 'refresh_token' && !response.ok) report.refreshRefused++;
    if (response.ok) {
      const json = (await response.clone().json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof json[key] === 'string') report.tokens.push(json[key] as string);
      }
    }
  }
  return response;
};

const pool = new pg.Pool({ ...settings.database, max: settings.poolSize });
const log = (level: string) => (message: string, details?: unknown) =>
  process.stdout.write(`LOG ${JSON.stringify({ pid: process.pid, level, message, details })}\n`);

const handler = createConnectHandler({
  store: createPostgresStore(pool),
  encryptionKey: settings.encryptionKey,
  publicUrl: settings.publicUrl,
  allowedOrigins: [settings.allowedOrigin],
  allowedLoginHosts: [settings.allowedLoginHost],
  resolveTenant: (request) => request.headers.get('x-tenant'),
  scopes: ['api', 'refresh_token', 'id'],
  connectionCheckIntervalMs: settings.connectionCheckIntervalMs,
  accessTokenMaxAgeMs: settings.accessTokenMaxAgeMs,
  // The preflight asks the simulator's authorize endpoint; the storm has enough load without it.
  preflightTimeoutMs: 0,
  fetch: watchingFetch,
  logger: { info: log('info'), warn: log('warn'), error: log('error') },
});

async function session(tenant: string, force: boolean): Promise<SoakSessionAnswer> {
  const call = async (forceRefresh: boolean) => {
    const { accessToken, instanceUrl } = await handler.getSalesforceSession({
      tenant,
      forceRefresh,
    });
    const api = await fetch(`${instanceUrl}/services/data/v62.0/`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    await api.body?.cancel();
    return api.status;
  };
  try {
    let apiStatus = await call(force);
    let staleToken = false;
    // As the docs tell integrators: after a 401 (the org's session timeout), force a refresh.
    // Tried up to three times: on a loaded machine even a fresh token can outlive the soak's
    // short session before its first use. A revoked grant fails the refresh itself (invalid_grant).
    for (let retry = 0; apiStatus === 401 && retry < 3; retry++) {
      staleToken = true;
      apiStatus = await call(true);
    }
    return { ok: apiStatus === 200, apiStatus, ...(staleToken ? { staleToken } : {}) };
  } catch (error) {
    return { ok: false, code: ConnectError.is(error) ? error.code : 'thrown' };
  }
}

const api = toNodeListener(handler);
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/soak/session') {
    void session(url.searchParams.get('tenant') ?? '', url.searchParams.get('force') === '1').then(
      (answer) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      },
    );
    return;
  }
  if (url.pathname === '/soak/report') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(report));
    return;
  }
  api(request, response);
});
// Longer than the clients' idle limit: they close first, never racing this side's close.
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});

// The orchestrator closes stdin to stop this process (and kills it if that does not work).
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
});
