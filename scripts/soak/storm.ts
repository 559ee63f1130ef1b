// The multi-instance soak: several handler processes on one PostgreSQL database behind a
// round-robin, the Salesforce simulator with refresh token rotation and reuse detection, many
// tenants, and a bounded storm of status checks, sessions, disconnects, credential changes and
// callbacks racing each other. Checks the invariants at the end and returns the figures.
// `npm run soak` runs it in full (scripts/soak.ts); test/server/soak.pg.test.ts runs a short one.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createSecretBox } from '../../src/server/crypto.js';
import { createPostgresStore } from '../../src/server/stores/postgres.js';
import { startSalesforceSimulator } from '../../src/simulator/index.js';
import type { SimulatorApp } from '../../src/simulator/types.js';
import { relayData } from '../../test/helpers/relay-page.js';
import { authorizeAtSimulator } from '../../test/helpers/simulator-login.js';
import type { SoakInstanceReport, SoakInstanceSettings, SoakSessionAnswer } from './instance.js';

/** How big the soak is; every count and time is a ceiling, so it always stops by itself. */
export interface SoakOptions {
  /** Where the database lives; the soak creates its tables there (prefix `salesforce_connect`). */
  database: { host: string; port: number; user: string; database: string };
  /** The PostgreSQL server's log, scanned for leaked secrets when given. */
  readServerLog?: () => string;
  /** Handler processes; at least 4 for the claim the soak makes. */
  instances: number;
  tenants: number;
  /** Operations of the storm (a burst counts as one). */
  operations: number;
  /** Operations in flight at once. */
  concurrency: number;
  /** No operation starts after this long. */
  maxStormMs: number;
  /** Access tokens die this long after issue at the simulator: stale tokens are the rule. */
  sessionTimeoutMs: number;
  /** Seed of the operation mix, so a run can be repeated. */
  seed: number;
  /** Progress lines; default silent. */
  log?: (line: string) => void;
}

/** One broken invariant, with the tenant and what was seen. */
export interface SoakViolation {
  kind:
    | 'lost_grant'
    | 'tokens_after_disconnect'
    | 'code_exchanged_twice'
    | 'plaintext_secret'
    | 'unexpected_failure';
  tenant?: string;
  detail: string;
}

/** What the soak did and found. */
export interface SoakFigures {
  instances: number;
  tenants: number;
  seconds: { setup: number; storm: number; checks: number };
  operations: Record<string, number> & { total: number };
  /** Operations that began while another operation of the same tenant was running. */
  racesHit: number;
  /** Admin actions (connect, disconnect, credentials) that overlapped another admin action. */
  contestedAdminActions: number;
  /** Callbacks delivered twice at once (the same code and state, to two instances). */
  replayedCallbacks: number;
  /** Sign-ins started again because the simulator's login session lapsed (a busy machine). */
  loginRetries: number;
  /** Sessions whose first token had expired at Salesforce (401), refreshed by force. */
  staleTokensMet: number;
  refreshCalls: number;
  /** Refresh requests Salesforce refused (each one a spent or revoked refresh token). */
  refreshRefused: number;
  codeExchanges: number;
  /** Tenants whose connection was lost while nothing should have touched it. */
  connectionsLost: number;
  violations: SoakViolation[];
  /** Requests the round-robin sent to each instance. */
  requestsPerInstance: number[];
  finalStates: Record<string, number>;
}

const APP_ORIGIN = 'http://app.localhost:5173';

/**
 * Reuse detection (on by default for rotating apps; said here so a change of default cannot
 * quietly turn the soak toothless). The probe in `runSoak` checks it works.
 */
const REUSE_DETECTION = { refreshTokenReuseDetection: true } as const;

/** A small deterministic generator (mulberry32): the same seed, the same storm. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An error in one line, with the socket-level cause fetch hides behind "fetch failed". */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause.code ?? cause.message})` : message;
}

/** What a tenant's last uncontested admin action left, as the soak expects it to stay. */
type Expectation = 'connected' | 'disconnected' | 'forgotten' | 'configured' | 'unknown';

interface TenantState {
  id: string;
  apps: [SimulatorApp, SimulatorApp];
  expect: Expectation;
  /** Bumped when an admin action starts or ends: a background check compares it. */
  epoch: number;
  adminInFlight: number;
  opsInFlight: number;
  /** Lost once counts once. */
  lost: boolean;
}

/** A running handler process (scripts/soak/instance.ts). */
export interface Instance {
  child: ChildProcess;
  port: number;
  output: string[];
}

/**
 * Runs the soak against `options.database` and returns its figures; throws only when the stack
 * itself cannot start. Every process and server it starts is stopped before it returns.
 *
 * @example
 * const figures = await runSoak({ database, instances: 4, tenants: 300, operations: 6000,
 *   concurrency: 32, maxStormMs: 120_000, sessionTimeoutMs: 2000, seed: 1 });
 * if (figures.violations.length > 0) process.exitCode = 1;
 */
export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const say = options.log ?? (() => {});
  const rand = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const encryptionKey = randomBytes(32).toString('base64');

  const simulator = await startSalesforceSimulator({
    port: 0,
    sessionTimeoutMs: options.sessionTimeoutMs,
  });
  const instances: Instance[] = [];
  let proxy: Server | undefined;
  let pool: pg.Pool | undefined;
  let stopping = false;
  const requestsPerInstance: number[] = [];
  try {
    // The round-robin: one public address for all instances, so the callback URL is one.
    let next = 0;
    proxy = createServer((incoming, outgoing) => {
      const index = next++ % instances.length;
      requestsPerInstance[index] = (requestsPerInstance[index] ?? 0) + 1;
      const target = instances[index] as Instance;
      const forward = httpRequest(
        {
          host: '127.0.0.1',
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      });
      incoming.pipe(forward);
    });
    // Longer than fetch's own idle limit (4 s), so the client always closes an idle connection
    // first and never sends on one this side is closing (a reset on a busy machine).
    proxy.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
    const publicUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/salesforce`;

    const settings: SoakInstanceSettings = {
      database: options.database,
      publicUrl,
      encryptionKey,
      allowedOrigin: APP_ORIGIN,
      allowedLoginHost: new URL(simulator.url).host,
      // Every status check past half a session asks Salesforce; tokens go stale all the time.
      connectionCheckIntervalMs: Math.max(1, Math.floor(options.sessionTimeoutMs / 2)),
      accessTokenMaxAgeMs: options.sessionTimeoutMs * 2,
      poolSize: 6,
    };
    // The tables exist before the instances race to create them.
    pool = new pg.Pool({ ...options.database, max: 4 });
    const db = pool;
    await createPostgresStore(db).getConnection('soak-warmup');

    const setupStart = performance.now();
    instances.push(
      ...(await Promise.all(
        Array.from({ length: options.instances }, () => startInstance(settings)),
      )),
    );
    say(`${instances.length} handler processes up behind ${publicUrl}`);
    const crashes: SoakViolation[] = [];
    instances.forEach((instance, i) => {
      instance.child.once('exit', (code, signal) => {
        if (stopping) return;
        crashes.push({
          kind: 'unexpected_failure',
          detail: `handler process ${i} exited during the soak (${signal ?? code}): ${instance.output.slice(-5).join(' | ')}`,
        });
      });
    });

    // Each tenant is a customer with an org of its own app (two: credential changes switch).
    const addApp = (name: string) =>
      simulator.addApp({
        name,
        callbackUrls: [`${publicUrl}/oauth/callback`],
        scopes: ['api', 'refresh_token', 'id'],
        refreshTokenRotation: true,
        ...REUSE_DETECTION,
      });
    const newTenant = (id: string): TenantState => ({
      id,
      apps: [addApp(`Soak ${id}`), addApp(`Soak ${id} (second app)`)],
      expect: 'unknown',
      epoch: 0,
      adminInFlight: 0,
      opsInFlight: 0,
      lost: false,
    });
    const tenants = Array.from({ length: options.tenants }, (_, i) => newTenant(`tenant-${i}`));

    const call = async (
      method: string,
      path: string,
      tenant: string,
      body?: unknown,
    ): Promise<{ status: number; json: Record<string, unknown> }> => {
      const response = await fetch(`${publicUrl}${path}`, {
        method,
        headers: {
          'x-tenant': tenant,
          ...(method === 'GET' ? {} : { 'x-requested-with': 'salesforce-connect' }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = {};
      }
      return { status: response.status, json };
    };
    const credentialsOf = (app: SimulatorApp) => ({
      loginUrl: simulator.url,
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    /** The callback page's verdict: connected, or the error code it relays. */
    const deliver = async (url: string, to?: Instance): Promise<string> => {
      const target = to
        ? url.replace(publicUrl, `http://127.0.0.1:${to.port}/api/salesforce`)
        : url;
      const html = await (await fetch(target)).text();
      try {
        const message = relayData(html).message as { type?: string; error?: string };
        return message?.type === 'oauth_complete' && !message.error
          ? 'connected'
          : (message?.error ?? 'failed');
      } catch {
        return 'unreadable_page';
      }
    };
    const sessionAt = async (instance: Instance, tenant: string, force: boolean) => {
      const response = await fetch(
        `http://127.0.0.1:${instance.port}/soak/session?tenant=${encodeURIComponent(tenant)}${force ? '&force=1' : ''}`,
      );
      return (await response.json()) as SoakSessionAnswer;
    };
    const codesDelivered: string[] = [];
    let loginRetries = 0;
    const statesSeen: string[] = [];
    /** Saves credentials when asked, authorizes at the simulator: the callback URL to deliver. */
    const prepareConnect = async (tenant: TenantState, saveFirst: boolean) => {
      if (saveFirst) {
        const saved = await call(
          'PUT',
          '/connection/credentials',
          tenant.id,
          credentialsOf(tenant.apps[0]),
        );
        if (saved.status !== 200) return { error: `save answered ${saved.status}` };
      }
      // The simulator's login session lives as long as its access tokens (short here, to make
      // them stale): on a busy machine it can lapse between login and consent. That is the
      // browser's trouble, not the server's: sign in again with a new authorization.
      let landed: Awaited<ReturnType<typeof authorizeAtSimulator>> | undefined;
      for (let attempt = 1; !landed; attempt++) {
        const start = await call('POST', '/connection/authorize', tenant.id, {
          returnOrigin: APP_ORIGIN,
        });
        if (start.status !== 200) {
          return {
            error: `authorize answered ${start.status} ${String((start.json.error as { code?: string })?.code)}`,
          };
        }
        statesSeen.push(String(start.json.state));
        try {
          landed = await authorizeAtSimulator(String(start.json.authorizeUrl));
        } catch (error) {
          if (attempt >= 4 || !String(error).includes('refused the login')) throw error;
          loginRetries++;
        }
      }
      if (landed.kind !== 'callback' || !landed.code) {
        return { error: `simulator: ${landed.error ?? landed.kind}` };
      }
      codesDelivered.push(landed.code);
      return { url: landed.url };
    };

    // The soak means nothing if a double refresh goes unpunished: check the simulator revokes a
    // grant whose spent refresh token comes back, as Salesforce does under rotation.
    const box = createSecretBox(encryptionKey);
    const probe = newTenant('soak-probe');
    const probeLanding = await prepareConnect(probe, true);
    if (!probeLanding.url || (await deliver(probeLanding.url)) !== 'connected') {
      throw new Error(
        `The probe tenant did not connect: ${probeLanding.error ?? 'callback failed'}`,
      );
    }
    const { rows: probeRows } = await db.query<{ refresh_token: string }>(
      'SELECT refresh_token FROM salesforce_connect_connections WHERE tenant = $1',
      [probe.id],
    );
    const spent = await box.decrypt(String(probeRows[0]?.refresh_token), {
      tenant: probe.id,
      field: 'refresh_token',
    });
    const refreshAt = async (refreshToken: string) => {
      const response = await fetch(`${simulator.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: probe.apps[0].consumerKey,
          client_secret: probe.apps[0].consumerSecret,
        }),
      });
      const json = (await response.json()) as { refresh_token?: string };
      return { ok: response.ok, refreshToken: json.refresh_token };
    };
    const rotated = await refreshAt(spent);
    const reused = await refreshAt(spent);
    const afterReuse = rotated.refreshToken ? await refreshAt(rotated.refreshToken) : undefined;
    if (!rotated.ok || !rotated.refreshToken || rotated.refreshToken === spent || reused.ok) {
      throw new Error('The simulator does not rotate refresh tokens: the soak needs rotation.');
    }
    if (afterReuse?.ok) {
      throw new Error(
        'The simulator does not detect refresh token reuse (a spent refresh token came back and the grant lived on). Salesforce revokes the whole grant then; the soak requires the simulator to do the same.',
      );
    }
    say('the simulator rotates refresh tokens and revokes a grant whose spent token is reused');

    // Setup: every tenant connected once, eight at a time.
    let cursor = 0;
    const violations: SoakViolation[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (cursor < tenants.length) {
          const tenant = tenants[cursor++] as TenantState;
          const verdict = await prepareConnect(tenant, true)
            .then((prepared) => (prepared.url ? deliver(prepared.url) : prepared.error))
            .catch((error: unknown) => `request failed: ${describeFailure(error)}`);
          if (verdict !== 'connected') {
            violations.push({
              kind: 'unexpected_failure',
              tenant: tenant.id,
              detail: `setup connect: ${verdict}`,
            });
          } else {
            tenant.expect = 'connected';
          }
        }
      }),
    );
    const setupSeconds = (performance.now() - setupStart) / 1000;
    say(`${tenants.length} tenants connected in ${setupSeconds.toFixed(1)} s`);

    // The storm.
    const operations: Record<string, number> = {};
    const count = (kind: string) => {
      operations[kind] = (operations[kind] ?? 0) + 1;
    };
    let racesHit = 0;
    let contested = 0;
    let replayed = 0;
    let staleTokensMet = 0;
    const lose = (tenant: TenantState, detail: string) => {
      if (tenant.lost) return;
      tenant.lost = true;
      violations.push({ kind: 'lost_grant', tenant: tenant.id, detail });
    };

    /** A status check or a session: may race anything, must not lose a grant it should keep. */
    const background = async (tenant: TenantState, kind: 'status' | 'session' | 'forced') => {
      const before = {
        epoch: tenant.epoch,
        expect: tenant.expect,
        quiet: tenant.adminInFlight === 0,
      };
      let connected: boolean;
      let detail: string;
      if (kind === 'status') {
        const answer = await call('GET', '/connection', tenant.id);
        connected = answer.json.status === 'connected';
        detail = `status ${String(answer.json.status)} ${JSON.stringify(answer.json.error ?? '')}`;
      } else {
        const answer = await sessionAt(pick(instances), tenant.id, kind === 'forced');
        if (answer.staleToken) staleTokensMet++;
        connected = answer.ok;
        detail = `session ${answer.ok ? 'ok' : `refused: ${answer.code ?? `api ${answer.apiStatus}`}`}`;
      }
      const untouched = before.quiet && tenant.adminInFlight === 0 && tenant.epoch === before.epoch;
      if (!untouched) return;
      if (before.expect === 'connected' && !connected) lose(tenant, detail);
      if (
        (before.expect === 'disconnected' ||
          before.expect === 'forgotten' ||
          before.expect === 'configured') &&
        connected
      ) {
        violations.push({
          kind: 'tokens_after_disconnect',
          tenant: tenant.id,
          detail: `${before.expect}, yet ${detail}`,
        });
      }
    };

    /** An admin action; its outcome sets the expectation only when nothing else raced it. */
    const admin = async (
      tenant: TenantState,
      kind: string,
      action: () => Promise<{ ok: boolean; expect: Expectation; detail: string }>,
    ) => {
      const quietAtStart = tenant.adminInFlight === 0;
      tenant.adminInFlight++;
      const epoch = ++tenant.epoch;
      let outcome: { ok: boolean; expect: Expectation; detail: string };
      try {
        outcome = await action();
      } catch (error) {
        outcome = { ok: false, expect: 'unknown', detail: describeFailure(error) };
      }
      const uncontested = quietAtStart && tenant.epoch === epoch;
      tenant.adminInFlight--;
      tenant.epoch++;
      if (!uncontested) {
        contested++;
        tenant.expect = 'unknown';
        return;
      }
      if (!outcome.ok) {
        violations.push({
          kind: 'unexpected_failure',
          tenant: tenant.id,
          detail: `${kind}: ${outcome.detail}`,
        });
      }
      tenant.expect = outcome.expect;
      // A fresh uncontested action starts a new life: a later loss counts again.
      tenant.lost = false;
    };

    const disconnect = (tenant: TenantState, forget: boolean) =>
      admin(tenant, forget ? 'forget' : 'disconnect', async () => {
        const answer = await call(
          'DELETE',
          `/connection${forget ? '?forgetCredentials=true' : ''}`,
          tenant.id,
        );
        return {
          ok: answer.status === 200,
          expect: forget ? 'forgotten' : 'disconnected',
          detail: `DELETE answered ${answer.status}`,
        };
      });

    const changeCredentials = (tenant: TenantState) =>
      admin(tenant, 'credentials', async () => {
        const { rows } = await db.query<{ consumer_key: string; status: string }>(
          'SELECT consumer_key, status FROM salesforce_connect_connections WHERE tenant = $1',
          [tenant.id],
        );
        const current = rows[0];
        const target = pick(tenant.apps);
        const answer = await call(
          'PUT',
          '/connection/credentials',
          tenant.id,
          credentialsOf(target),
        );
        const same = current?.consumer_key === target.consumerKey;
        // The same app keeps its tokens (and so its status); another app starts unconnected.
        let kept: Expectation = 'configured';
        if (same && current?.status === 'connected') {
          kept = tenant.expect === 'connected' ? 'connected' : 'unknown';
        }
        return { ok: answer.status === 200, expect: kept, detail: `PUT answered ${answer.status}` };
      });

    const reconnect = (tenant: TenantState) =>
      admin(tenant, 'connect', async () => {
        // After races the soak does not know whether the credentials were forgotten: it looks.
        const { rows } = await db.query(
          'SELECT 1 FROM salesforce_connect_connections WHERE tenant = $1',
          [tenant.id],
        );
        const prepared = await prepareConnect(tenant, rows.length === 0);
        if (!prepared.url)
          return { ok: false, expect: 'unknown' as const, detail: prepared.error ?? '' };
        const url = prepared.url;
        const roll = rand();
        if (roll < 0.2) {
          // The same code and state at two instances at once: one exchange, one refusal.
          replayed++;
          const [a, b] = await Promise.all([
            deliver(url, instances[0]),
            deliver(url, instances[1]),
          ]);
          const wins = [a, b].filter((v) => v === 'connected').length;
          return {
            ok: wins === 1,
            expect: wins === 1 ? 'connected' : 'unknown',
            detail: `replayed callback: ${a} / ${b}`,
          };
        }
        if (roll < 0.45) {
          // A disconnect or a credential change lands while the code is being exchanged.
          const racer = rand() < 0.5 ? disconnect(tenant, rand() < 0.3) : changeCredentials(tenant);
          const [verdict] = await Promise.all([deliver(url), racer]);
          return { ok: true, expect: 'unknown', detail: `raced callback: ${verdict}` };
        }
        const verdict = await deliver(url);
        return { ok: verdict === 'connected', expect: 'connected', detail: `callback: ${verdict}` };
      });

    // Half the operations go to a tenth of the tenants: hot tenants are where races happen.
    const hot = tenants.slice(0, Math.max(2, Math.ceil(tenants.length / 10)));
    const chooseTenant = () => (rand() < 0.5 ? pick(hot) : pick(tenants));
    const operation = async () => {
      const tenant = chooseTenant();
      if (tenant.opsInFlight > 0) racesHit++;
      tenant.opsInFlight++;
      const roll = rand();
      try {
        if (roll < 0.3) {
          count('status check');
          await background(tenant, 'status');
        } else if (roll < 0.5) {
          count('getSalesforceSession');
          await background(tenant, 'session');
        } else if (roll < 0.6) {
          count('getSalesforceSession (forced refresh)');
          await background(tenant, 'forced');
        } else if (roll < 0.72) {
          // A burst: status checks and sessions for one tenant on several instances at once.
          count('burst (2 checks + 2 sessions at once)');
          racesHit++;
          await Promise.all([
            background(tenant, 'status'),
            background(tenant, 'status'),
            background(tenant, 'session'),
            background(tenant, 'forced'),
          ]);
        } else if (roll < 0.8) {
          count('disconnect');
          await disconnect(tenant, rand() < 0.25);
        } else if (roll < 0.88) {
          count('credential change');
          await changeCredentials(tenant);
        } else {
          count('connect (callback)');
          await reconnect(tenant);
        }
      } catch (error) {
        // Nothing in the storm may fail below HTTP: a reset or a crashed process is a finding.
        violations.push({
          kind: 'unexpected_failure',
          tenant: tenant.id,
          detail: `request failed: ${describeFailure(error)}`,
        });
      } finally {
        tenant.opsInFlight--;
      }
    };

    const stormStart = performance.now();
    let started = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (
          started < options.operations &&
          performance.now() - stormStart < options.maxStormMs
        ) {
          started++;
          await operation();
        }
      }),
    );
    const stormSeconds = (performance.now() - stormStart) / 1000;
    say(`storm: ${started} operations in ${stormSeconds.toFixed(1)} s`);

    // The checks, with nothing else running.
    const checkStart = performance.now();
    const finalStates: Record<string, number> = {};
    for (const tenant of tenants) {
      const status = await call('GET', '/connection', tenant.id);
      const { rows } = await db.query<{
        status: string;
        access_token: string | null;
        refresh_token: string | null;
      }>(
        'SELECT status, access_token, refresh_token FROM salesforce_connect_connections WHERE tenant = $1',
        [tenant.id],
      );
      const row = rows[0];
      const state = String(status.json.status);
      finalStates[state] = (finalStates[state] ?? 0) + 1;
      const holdsTokens = Boolean(row?.access_token || row?.refresh_token);
      const session = await sessionAt(pick(instances), tenant.id, true);
      if (tenant.expect === 'connected' && !(state === 'connected' && session.ok)) {
        lose(
          tenant,
          `at the end: ${state}, session ${session.ok ? 'ok' : (session.code ?? session.apiStatus)}`,
        );
      }
      if (
        ['disconnected', 'forgotten', 'configured'].includes(tenant.expect) &&
        (holdsTokens || state === 'connected')
      ) {
        violations.push({
          kind: 'tokens_after_disconnect',
          tenant: tenant.id,
          detail: `expected ${tenant.expect}; the database holds tokens: ${holdsTokens}, status ${state}`,
        });
      }
      if (tenant.expect === 'forgotten' && row) {
        violations.push({
          kind: 'tokens_after_disconnect',
          tenant: tenant.id,
          detail: 'credentials forgotten, yet a row remains',
        });
      }
      // Whatever the races decided, the database and Salesforce must agree.
      if (tenant.expect === 'unknown' && holdsTokens && !session.ok) {
        lose(
          tenant,
          `after races: tokens kept but the session fails (${session.code ?? session.apiStatus})`,
        );
      }
      if (row?.refresh_token) {
        // The stored refresh token decrypts: the envelope was written whole.
        await box
          .decrypt(row.refresh_token, { tenant: tenant.id, field: 'refresh_token' })
          .catch(() => {
            violations.push({
              kind: 'lost_grant',
              tenant: tenant.id,
              detail: 'stored refresh token does not decrypt',
            });
          });
      }
    }

    // Codes: each reached the token endpoint at most once, whatever the replays.
    const reports = await Promise.all(
      instances.map(
        async (instance) =>
          (await (
            await fetch(`http://127.0.0.1:${instance.port}/soak/report`)
          ).json()) as SoakInstanceReport,
      ),
    );
    const exchanged = new Map<string, number>();
    for (const report of reports) {
      for (const code of report.codesExchanged) exchanged.set(code, (exchanged.get(code) ?? 0) + 1);
    }
    for (const [code, times] of exchanged) {
      if (times > 1)
        violations.push({
          kind: 'code_exchanged_twice',
          detail: `a code (sha256 ${code.slice(0, 12)}…) went to the token endpoint ${times} times`,
        });
    }

    // Nothing secret in plain text: every table of the database, every log line, the server log.
    const tables = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const haystacks: Array<{ where: string; text: string }> = [];
    for (const { tablename } of tables.rows) {
      const dump = await db.query(`SELECT * FROM ${tablename}`);
      haystacks.push({ where: `table ${tablename}`, text: JSON.stringify(dump.rows) });
    }
    instances.forEach((instance, i) => {
      haystacks.push({ where: `instance ${i} output`, text: instance.output.join('\n') });
    });
    if (options.readServerLog)
      haystacks.push({ where: 'PostgreSQL log', text: options.readServerLog() });
    const secrets = new Set<string>([
      spent,
      ...[probe, ...tenants].flatMap((t) => t.apps.map((app) => app.consumerSecret)),
      ...reports.flatMap((report) => report.tokens),
      ...codesDelivered,
      ...statesSeen,
    ]);
    for (const secret of secrets) {
      for (const { where, text } of haystacks) {
        if (secret.length >= 16 && text.includes(secret)) {
          violations.push({
            kind: 'plaintext_secret',
            detail: `a secret, token, code or state (${secret.length} characters) in plain text in ${where}`,
          });
        }
      }
    }
    violations.push(...crashes);
    const checkSeconds = (performance.now() - checkStart) / 1000;

    const total = Object.values(operations).reduce((a, b) => a + b, 0);
    return {
      instances: instances.length,
      tenants: tenants.length,
      seconds: { setup: setupSeconds, storm: stormSeconds, checks: checkSeconds },
      operations: { ...operations, total },
      racesHit,
      contestedAdminActions: contested,
      replayedCallbacks: replayed,
      loginRetries,
      staleTokensMet,
      refreshCalls: reports.reduce((sum, r) => sum + r.refreshCalls, 0),
      refreshRefused: reports.reduce((sum, r) => sum + r.refreshRefused, 0),
      codeExchanges: reports.reduce((sum, r) => sum + r.exchangeCalls, 0),
      connectionsLost: new Set(
        violations.filter((v) => v.kind === 'lost_grant').map((v) => v.tenant),
      ).size,
      violations,
      requestsPerInstance,
      finalStates,
    };
  } finally {
    stopping = true;
    proxy?.closeAllConnections();
    proxy?.close();
    await Promise.all(instances.map(stopInstance));
    await pool?.end();
    await simulator.close();
  }
}

const instanceEntry = fileURLToPath(new URL('./instance.ts', import.meta.url));
const tsxLoader = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/**
 * Starts one handler process and waits for its port (60 s at most).
 *
 * @example
 * const instance = await startInstance(settings);
 * await fetch(`http://127.0.0.1:${instance.port}/api/salesforce/setup`);
 * await stopInstance(instance);
 */
export function startInstance(settings: SoakInstanceSettings): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', tsxLoader, instanceEntry], {
    env: { ...process.env, SOAK_INSTANCE: JSON.stringify(settings), NODE_OPTIONS: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`A handler process did not start within 60 s:\n${output.join('')}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`A handler process exited early (code ${code}):\n${output.join('')}`));
    });
    lines.on('line', (line) => {
      output.push(line);
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve({ child, port: Number(line.slice('READY '.length)), output });
    });
  });
}

/** Closing stdin asks the instance to stop; one that hangs is killed after 10 s. */
export function stopInstance(instance: Instance) {
  return stopChild(instance.child);
}

/** Stops a child process that ends when its stdin closes; one that hangs is killed after 10 s. */
export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The figures as plain lines, for the terminal and the README.
 *
 * @example
 * console.log(formatSoakFigures(figures));
 */
export function formatSoakFigures(figures: SoakFigures): string {
  const lines = [
    `handler processes: ${figures.instances} (requests each: ${figures.requestsPerInstance.join(', ')})`,
    `tenants: ${figures.tenants}`,
    `time: setup ${figures.seconds.setup.toFixed(1)} s, storm ${figures.seconds.storm.toFixed(1)} s, checks ${figures.seconds.checks.toFixed(1)} s`,
    `operations: ${figures.operations.total}`,
    ...Object.entries(figures.operations)
      .filter(([kind]) => kind !== 'total')
      .map(([kind, n]) => `  ${kind}: ${n}`),
    `races hit (an operation started while another ran for the same tenant): ${figures.racesHit}`,
    `contested admin actions: ${figures.contestedAdminActions}`,
    `callbacks replayed to two instances at once: ${figures.replayedCallbacks}`,
    `sign-ins started again (the simulator's login session lapsed): ${figures.loginRetries}`,
    `stale access tokens met (401, refreshed by force): ${figures.staleTokensMet}`,
    `refreshes: ${figures.refreshCalls} (refused by Salesforce: ${figures.refreshRefused})`,
    `code exchanges: ${figures.codeExchanges}`,
    `final states: ${Object.entries(figures.finalStates)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ')}`,
    `connections lost: ${figures.connectionsLost}`,
    `invariant violations: ${figures.violations.length}`,
    ...figures.violations
      .slice(0, 20)
      .map((v) => `  ${v.kind}${v.tenant ? ` (${v.tenant})` : ''}: ${v.detail}`),
  ];
  return lines.join('\n');
}
