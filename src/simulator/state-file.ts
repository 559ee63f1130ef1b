import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LedgerSnapshot } from './token-ledger.js';
import type { SimulatorApp, SimulatorAppInput, SimulatorOrg } from './types.js';

// A simulator restarted with the same state file is the same org: same ids, same apps, and the
// tokens it issued still work, so a backend that stored them stays connected across restarts.

const FORMAT = 'salesforce-connect-simulator-state';
const VERSION = 1;

/**
 * An app as saved: {@link SimulatorApp} in JSON (an unset idle limit is left out; files written
 * before reuse detection existed lack `refreshTokenReuseDetection`, which then takes its default).
 */
type SavedApp = Omit<
  SimulatorApp,
  'refreshTokenIdleMs' | 'refreshTokenReuseDetection' | 'clientCredentials'
> & {
  refreshTokenIdleMs?: number;
  refreshTokenReuseDetection?: boolean;
  /** Files written before the client credentials flow existed lack it (then: off). */
  clientCredentials?: { enabled: boolean; runAsUsername?: string };
};

/** What a state file holds. Codes, login sessions, faults and the clock offset are not kept. */
export interface SimulatorState {
  format: typeof FORMAT;
  version: typeof VERSION;
  org: SimulatorOrg;
  /** Ids only: passwords come from the options on every start. */
  users: Array<{ id: string; username: string }>;
  apps: SavedApp[];
  ledger: LedgerSnapshot;
}

/** The options-shaped copy of a saved app, for `OrgDirectory.addApp`. */
export function appInputOf(app: SavedApp): SimulatorAppInput {
  return {
    name: app.name,
    consumerKey: app.consumerKey,
    consumerSecret: app.consumerSecret,
    callbackUrls: [...app.callbackUrls],
    scopes: [...app.scopes],
    requirePkce: app.requirePkce,
    requireSecretForWebServer: app.requireSecretForWebServer,
    requireSecretForRefresh: app.requireSecretForRefresh,
    permittedUsers: app.permittedUsers,
    approvedUsernames: [...app.approvedUsernames],
    refreshTokenRotation: app.refreshTokenRotation,
    ...(app.refreshTokenReuseDetection === undefined
      ? {}
      : { refreshTokenReuseDetection: app.refreshTokenReuseDetection }),
    ...(app.refreshTokenIdleMs === undefined ? {} : { refreshTokenIdleMs: app.refreshTokenIdleMs }),
    createdAt: app.createdAt,
    activationDelayMs: app.activationDelayMs,
    ...(app.clientCredentials === undefined
      ? {}
      : {
          clientCredentials: {
            enabled: app.clientCredentials.enabled,
            ...(app.clientCredentials.runAsUsername === undefined
              ? {}
              : { runAsUsername: app.clientCredentials.runAsUsername }),
          },
        }),
  };
}

/** A plain-words refusal of a state file, naming it and what to do. */
function damaged(path: string, what: string): Error {
  return new Error(
    `The simulator's state file ${path} cannot be used: ${what}. Delete it to start with a fresh simulated org.`,
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(isString);

/** Checks the shape of parsed JSON, field by field, so a hand-edited file fails by name. */
function checkState(path: string, value: unknown): SimulatorState {
  const fail = (what: string) => damaged(path, what);
  if (!isRecord(value) || value.format !== FORMAT) throw fail('it is not a simulator state file');
  if (value.version !== VERSION) {
    throw fail(`it has version ${String(value.version)}; this simulator reads version ${VERSION}`);
  }
  const { org, users, apps, ledger } = value;
  if (
    !isRecord(org) ||
    !isString(org.id) ||
    !isString(org.name) ||
    typeof org.isSandbox !== 'boolean'
  ) {
    throw fail('"org" needs id, name and isSandbox');
  }
  if (
    !Array.isArray(users) ||
    !users.every((u) => isRecord(u) && isString(u.id) && isString(u.username))
  ) {
    throw fail('each of "users" needs an id and a username');
  }
  if (!Array.isArray(apps)) throw fail('"apps" is not a list');
  for (const app of apps) {
    const ok =
      isRecord(app) &&
      isString(app.name) &&
      isString(app.consumerKey) &&
      isString(app.consumerSecret) &&
      isStringList(app.callbackUrls) &&
      isStringList(app.scopes) &&
      typeof app.requirePkce === 'boolean' &&
      typeof app.requireSecretForWebServer === 'boolean' &&
      typeof app.requireSecretForRefresh === 'boolean' &&
      (app.permittedUsers === 'all' || app.permittedUsers === 'admin_approved') &&
      isStringList(app.approvedUsernames) &&
      typeof app.refreshTokenRotation === 'boolean' &&
      (app.refreshTokenReuseDetection === undefined ||
        typeof app.refreshTokenReuseDetection === 'boolean') &&
      (app.refreshTokenIdleMs === undefined || isNumber(app.refreshTokenIdleMs)) &&
      isNumber(app.createdAt) &&
      isNumber(app.activationDelayMs) &&
      (app.clientCredentials === undefined ||
        (isRecord(app.clientCredentials) &&
          typeof app.clientCredentials.enabled === 'boolean' &&
          (app.clientCredentials.runAsUsername === undefined ||
            isString(app.clientCredentials.runAsUsername))));
    if (!ok) throw fail('an entry of "apps" is incomplete');
  }
  if (!isRecord(ledger) || !isNumber(ledger.nextGrantId) || !Array.isArray(ledger.grants)) {
    throw fail('"ledger" needs nextGrantId and grants');
  }
  for (const grant of ledger.grants) {
    const ok =
      isRecord(grant) &&
      isNumber(grant.id) &&
      isString(grant.consumerKey) &&
      isString(grant.userId) &&
      isStringList(grant.scopes) &&
      (grant.refreshToken === undefined || isString(grant.refreshToken)) &&
      (grant.spentRefreshTokens === undefined || isStringList(grant.spentRefreshTokens)) &&
      isNumber(grant.createdAt) &&
      isNumber(grant.lastUsedAt);
    if (!ok) throw fail('an entry of "ledger.grants" is incomplete');
  }
  if (
    !Array.isArray(ledger.accessTokens) ||
    !ledger.accessTokens.every(
      (t) => isRecord(t) && isString(t.token) && isNumber(t.grantId) && isNumber(t.issuedAt),
    )
  ) {
    throw fail('each of "ledger.accessTokens" needs token, grantId and issuedAt');
  }
  return value as unknown as SimulatorState;
}

/** Reads a state file; undefined when there is none yet. Throws on a damaged one. */
export async function readStateFile(path: string): Promise<SimulatorState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // No file (or a file where a folder of its path should be: then no file can be there yet).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new Error(
      `The simulator cannot read its state file ${path}: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged(path, 'it is not valid JSON');
  }
  return checkState(path, parsed);
}

/** Builds the state to save from the simulator's parts. */
export function stateOf(parts: {
  org: SimulatorOrg;
  users: ReadonlyArray<{ id: string; username: string }>;
  apps: readonly SimulatorApp[];
  ledger: LedgerSnapshot;
}): SimulatorState {
  return {
    format: FORMAT,
    version: VERSION,
    org: { id: parts.org.id, name: parts.org.name, isSandbox: parts.org.isSandbox },
    users: parts.users.map(({ id, username }) => ({ id, username })),
    apps: parts.apps.map(({ refreshTokenIdleMs, clientCredentials, ...app }) => ({
      ...app,
      ...(refreshTokenIdleMs === undefined ? {} : { refreshTokenIdleMs }),
      clientCredentials: {
        enabled: clientCredentials.enabled,
        ...(clientCredentials.runAsUsername === undefined
          ? {}
          : { runAsUsername: clientCredentials.runAsUsername }),
      },
    })),
    ledger: parts.ledger,
  };
}

/** Saves state to a file, debounced, one write at a time; see {@link createStateSaver}. */
export interface StateSaver {
  /** Something changed: save within `delayMs` (changes in between share one write). */
  schedule(): void;
  /** Saves now (cancelling a scheduled save) and resolves when the file is on disk. */
  flush(): Promise<void>;
}

let temporaryCounter = 0;

/**
 * Writes `read()` to `path` atomically (a temporary file in the same folder, then a rename, so a
 * crash leaves the old file or the new one, never half of one), owner-only (mode 0600: it holds
 * tokens and secrets of the simulated org). A failed scheduled save is reported through `log`;
 * `flush` rejects with it.
 */
export function createStateSaver(options: {
  path: string;
  read: () => SimulatorState;
  delayMs: number;
  log: (line: string) => void;
}): StateSaver {
  const { path, read, delayMs, log } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(state: SimulatorState): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${++temporaryCounter}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }

  /** Queues a write of the state as it is now, after any write under way. */
  function save(): Promise<void> {
    const state = read();
    const next = writing.catch(() => {}).then(() => write(state));
    writing = next;
    return next;
  }

  return {
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        save().catch((error: unknown) => {
          log(`could not save state to ${path}: ${(error as Error).message}`);
        });
      }, delayMs);
      // A pending save must not keep the process alive; close() flushes it.
      timer.unref?.();
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      return save();
    },
  };
}
