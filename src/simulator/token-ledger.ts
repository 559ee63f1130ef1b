import {
  generateAccessToken,
  generateAuthorizationCode,
  generateRefreshToken,
} from './salesforce-ids.js';

/**
 * Authorization codes live 15 minutes at Salesforce.
 *
 * @example
 * simulator.advanceTime(AUTHORIZATION_CODE_LIFETIME_MS); // the code now fails invalid_grant
 */
export const AUTHORIZATION_CODE_LIFETIME_MS = 15 * 60 * 1000;
/**
 * A user holds at most this many refresh tokens per app; a new approval retires the oldest.
 *
 * @example
 * // After MAX_REFRESH_TOKENS_PER_USER_AND_APP + 1 approvals, the first refresh token fails.
 */
export const MAX_REFRESH_TOKENS_PER_USER_AND_APP = 5;
/**
 * How many refresh tokens retired by rotation a grant remembers, so that their reuse can be told
 * from an unknown token. Salesforce keeps the whole chain; a bound keeps a long-running demo small,
 * and a token older than this many rotations answers `invalid_grant` without revoking the grant.
 */
const MAX_SPENT_REFRESH_TOKENS_PER_GRANT = 100;

/** What an authorization code stands for, until it is exchanged (once). */
export interface CodeRecord {
  consumerKey: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | undefined;
  nonce: string | undefined;
  issuedAt: number;
  used: boolean;
}

/** One approval by one user of one app: its refresh token (if any) and its access tokens. */
export interface Grant {
  readonly id: number;
  readonly consumerKey: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  refreshToken: string | undefined;
  /** Refresh tokens this grant had before rotation replaced them, oldest first. */
  spentRefreshTokens: string[];
  readonly createdAt: number;
  lastUsedAt: number;
  revoked: boolean;
}

interface AccessTokenRecord {
  grant: Grant;
  issuedAt: number;
  revoked: boolean;
}

/**
 * The lasting part of the ledger, as a state file keeps it: live grants (approvals, with their
 * refresh tokens) and their live access tokens. Codes live minutes and are not kept.
 */
export interface LedgerSnapshot {
  nextGrantId: number;
  grants: Array<{
    id: number;
    consumerKey: string;
    userId: string;
    scopes: string[];
    refreshToken?: string;
    /** Retired by rotation (absent in files written before reuse detection). */
    spentRefreshTokens?: string[];
    createdAt: number;
    lastUsedAt: number;
  }>;
  accessTokens: Array<{ token: string; grantId: number; issuedAt: number }>;
}

/**
 * What a presented refresh token is: the live token of a grant, a token that grant had before
 * rotation replaced it (a reuse), or nothing the org knows (unknown, revoked, or idle too long).
 */
export type RefreshLookup =
  | { kind: 'live'; grant: Grant }
  | { kind: 'spent'; grant: Grant }
  | { kind: 'unknown' };

/** Why a token endpoint lookup failed (each has its own Salesforce answer). */
export type CodeLookup =
  | { ok: true; record: CodeRecord }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Every code, refresh token and access token the simulated org has issued, with Salesforce's rules:
 * single-use codes with a 15-minute life, access tokens that expire with the session timeout, at
 * most five refresh tokens per user and app, revocation that reaches a refresh token's access
 * tokens.
 */
export class TokenLedger {
  readonly #codes = new Map<string, CodeRecord>();
  readonly #grantsByRefresh = new Map<string, Grant>();
  readonly #grantsBySpentRefresh = new Map<string, Grant>();
  readonly #accessTokens = new Map<string, AccessTokenRecord>();
  readonly #grants: Grant[] = [];
  #nextGrantId = 1;
  #orgId: string;
  readonly #sessionTimeoutMs: number;
  readonly #onChange: () => void;

  /** `onChange` hears of every change to the lasting part (see {@link LedgerSnapshot}). */
  constructor(orgId: string, sessionTimeoutMs: number, onChange: () => void = () => {}) {
    this.#orgId = orgId;
    this.#sessionTimeoutMs = sessionTimeoutMs;
    this.#onChange = onChange;
  }

  /** The live grants and unexpired access tokens at `now`, for a state file. */
  snapshot(now: number): LedgerSnapshot {
    const live = new Set(this.#grants);
    return {
      nextGrantId: this.#nextGrantId,
      grants: this.#grants.map((grant) => ({
        id: grant.id,
        consumerKey: grant.consumerKey,
        userId: grant.userId,
        scopes: [...grant.scopes],
        ...(grant.refreshToken === undefined ? {} : { refreshToken: grant.refreshToken }),
        ...(grant.spentRefreshTokens.length === 0
          ? {}
          : { spentRefreshTokens: [...grant.spentRefreshTokens] }),
        createdAt: grant.createdAt,
        lastUsedAt: grant.lastUsedAt,
      })),
      accessTokens: [...this.#accessTokens]
        .filter(
          ([, record]) =>
            !record.revoked &&
            live.has(record.grant) &&
            now - record.issuedAt < this.#sessionTimeoutMs,
        )
        .map(([token, record]) => ({
          token,
          grantId: record.grant.id,
          issuedAt: record.issuedAt,
        })),
    };
  }

  /**
   * Takes back what {@link snapshot} saved, into an empty ledger. `keep` drops grants whose app or
   * user no longer exists.
   */
  restore(
    snapshot: LedgerSnapshot,
    keep: (grant: { consumerKey: string; userId: string }) => boolean,
  ) {
    const byId = new Map<number, Grant>();
    for (const saved of snapshot.grants) {
      if (!keep(saved)) continue;
      const grant: Grant = {
        id: saved.id,
        consumerKey: saved.consumerKey,
        userId: saved.userId,
        scopes: Object.freeze([...saved.scopes]),
        refreshToken: saved.refreshToken,
        spentRefreshTokens: [...(saved.spentRefreshTokens ?? [])],
        createdAt: saved.createdAt,
        lastUsedAt: saved.lastUsedAt,
        revoked: false,
      };
      byId.set(grant.id, grant);
      this.#grants.push(grant);
      if (grant.refreshToken !== undefined) this.#grantsByRefresh.set(grant.refreshToken, grant);
      for (const spent of grant.spentRefreshTokens) this.#grantsBySpentRefresh.set(spent, grant);
    }
    for (const saved of snapshot.accessTokens) {
      const grant = byId.get(saved.grantId);
      if (grant)
        this.#accessTokens.set(saved.token, { grant, issuedAt: saved.issuedAt, revoked: false });
    }
    const highest = Math.max(0, ...snapshot.grants.map((grant) => grant.id));
    this.#nextGrantId = Math.max(this.#nextGrantId, snapshot.nextGrantId, highest + 1);
  }

  issueCode(record: Omit<CodeRecord, 'used'>): string {
    this.#forgetOldCodes(record.issuedAt);
    const code = generateAuthorizationCode();
    this.#codes.set(code, { ...record, used: false });
    return code;
  }

  /** Looks a code up for exchange and marks it used (a code works once, even when it fails later). */
  redeemCode(code: string, now: number): CodeLookup {
    const record = this.#codes.get(code);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.used) return { ok: false, reason: 'used' };
    record.used = true;
    if (now - record.issuedAt >= AUTHORIZATION_CODE_LIFETIME_MS) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, record };
  }

  /**
   * Records an approval. With a refresh token, the user's oldest live refresh tokens for the app are
   * revoked so that at most five remain.
   */
  createGrant(input: {
    consumerKey: string;
    userId: string;
    scopes: string[];
    withRefreshToken: boolean;
    now: number;
  }): Grant {
    const grant: Grant = {
      id: this.#nextGrantId++,
      consumerKey: input.consumerKey,
      userId: input.userId,
      scopes: Object.freeze([...input.scopes]),
      refreshToken: undefined,
      spentRefreshTokens: [],
      createdAt: input.now,
      lastUsedAt: input.now,
      revoked: false,
    };
    if (input.withRefreshToken) {
      const live = this.#grants.filter(
        (other) =>
          !other.revoked &&
          other.refreshToken !== undefined &&
          other.consumerKey === grant.consumerKey &&
          other.userId === grant.userId,
      );
      const excess = live.length + 1 - MAX_REFRESH_TOKENS_PER_USER_AND_APP;
      for (const oldest of live.slice(0, Math.max(0, excess))) this.#revokeGrant(oldest);
      grant.refreshToken = generateRefreshToken();
      this.#grantsByRefresh.set(grant.refreshToken, grant);
    }
    this.#grants.push(grant);
    this.#onChange();
    return grant;
  }

  issueAccessToken(grant: Grant, now: number): string {
    const token = generateAccessToken(this.#orgId);
    this.#accessTokens.set(token, { grant, issuedAt: now, revoked: false });
    grant.lastUsedAt = now;
    this.#onChange();
    return token;
  }

  /**
   * What a presented refresh token is (see {@link RefreshLookup}). A live token idle longer than
   * `idleMs` is revoked with its grant and counts as unknown.
   */
  lookUpRefreshToken(refreshToken: string, now: number, idleMs: number | undefined): RefreshLookup {
    const spent = this.#grantsBySpentRefresh.get(refreshToken);
    if (spent && !spent.revoked) return { kind: 'spent', grant: spent };
    const grant = this.#grantsByRefresh.get(refreshToken);
    if (!grant || grant.revoked) return { kind: 'unknown' };
    if (idleMs !== undefined && now - grant.lastUsedAt > idleMs) {
      this.#revokeGrant(grant);
      return { kind: 'unknown' };
    }
    return { kind: 'live', grant };
  }

  /**
   * Rotation: a new refresh token for the grant; the old one stops working but is remembered, so
   * that presenting it again is recognised as a reuse.
   */
  rotateRefreshToken(grant: Grant): string {
    const old = grant.refreshToken;
    if (old !== undefined) {
      this.#grantsByRefresh.delete(old);
      grant.spentRefreshTokens.push(old);
      this.#grantsBySpentRefresh.set(old, grant);
      while (grant.spentRefreshTokens.length > MAX_SPENT_REFRESH_TOKENS_PER_GRANT) {
        const forgotten = grant.spentRefreshTokens.shift();
        if (forgotten !== undefined) this.#grantsBySpentRefresh.delete(forgotten);
      }
    }
    grant.refreshToken = generateRefreshToken();
    this.#grantsByRefresh.set(grant.refreshToken, grant);
    this.#onChange();
    return grant.refreshToken;
  }

  /** Ends a grant: its refresh token, the ones rotation retired, and all its access tokens. */
  revokeGrant(grant: Grant): void {
    if (!grant.revoked) this.#revokeGrant(grant);
  }

  /** The grant behind a live, unexpired access token, or undefined. */
  findAccessGrant(accessToken: string, now: number): Grant | undefined {
    const record = this.#accessTokens.get(accessToken);
    if (!record || record.revoked || record.grant.revoked) return undefined;
    if (now - record.issuedAt >= this.#sessionTimeoutMs) return undefined;
    return record.grant;
  }

  /**
   * A live token as introspection describes it: its grant, its kind, when it was issued and when
   * it stops working (an access token with the session timeout; a refresh token only under an
   * idle-expiry policy, `idleMs`). Undefined for anything not live.
   */
  describeToken(
    token: string,
    now: number,
  ):
    | {
        grant: Grant;
        kind: 'access_token' | 'refresh_token';
        issuedAt: number;
        expiresAt: number | undefined;
      }
    | undefined {
    const access = this.#accessTokens.get(token);
    if (access) {
      const grant = this.findAccessGrant(token, now);
      if (!grant) return undefined;
      return {
        grant,
        kind: 'access_token',
        issuedAt: access.issuedAt,
        expiresAt: access.issuedAt + this.#sessionTimeoutMs,
      };
    }
    const grant = this.#grantsByRefresh.get(token);
    if (!grant || grant.revoked) return undefined;
    return { grant, kind: 'refresh_token', issuedAt: grant.createdAt, expiresAt: undefined };
  }

  /** The app a token (refresh or access, live or not) was issued to, for fault scoping. */
  consumerKeyOf(token: string): string | undefined {
    return (
      this.#grantsByRefresh.get(token) ??
      this.#grantsBySpentRefresh.get(token) ??
      this.#accessTokens.get(token)?.grant
    )?.consumerKey;
  }

  /**
   * Revokes a refresh token (with its access tokens) or one access token. False when the token is
   * unknown or already revoked.
   */
  revokeToken(token: string): boolean {
    const grant = this.#grantsByRefresh.get(token);
    if (grant) {
      if (grant.revoked) return false;
      this.#revokeGrant(grant);
      return true;
    }
    const access = this.#accessTokens.get(token);
    if (!access || access.revoked || access.grant.revoked) return false;
    access.revoked = true;
    this.#onChange();
    return true;
  }

  /**
   * The org behind the address changed (a sandbox refresh): every token of the old org stops
   * working, and new ones carry the new org id.
   */
  changeOrg(orgId: string): void {
    this.revokeAll();
    this.#codes.clear();
    this.#orgId = orgId;
    this.#onChange();
  }

  /** An admin revokes every token of one app, or of every app. */
  revokeAll(consumerKey?: string): void {
    for (const grant of this.#grants) {
      if (consumerKey === undefined || grant.consumerKey === consumerKey) this.#revokeGrant(grant);
    }
  }

  /** Whether the user already approved these scopes for the app and the approval still stands. */
  hasApproval(consumerKey: string, userId: string, scopes: readonly string[]): boolean {
    return this.#grants.some(
      (grant) =>
        !grant.revoked &&
        grant.consumerKey === consumerKey &&
        grant.userId === userId &&
        scopes.every((scope) => grant.scopes.includes(scope)),
    );
  }

  #revokeGrant(grant: Grant): void {
    grant.revoked = true;
    // Revoked grants are dead weight; keep the list to live ones so it stays small in a long demo.
    const index = this.#grants.indexOf(grant);
    if (index >= 0) this.#grants.splice(index, 1);
    for (const [token, record] of this.#accessTokens) {
      if (record.grant === grant) this.#accessTokens.delete(token);
    }
    for (const spent of grant.spentRefreshTokens) this.#grantsBySpentRefresh.delete(spent);
    this.#onChange();
  }

  #forgetOldCodes(now: number): void {
    for (const [code, record] of this.#codes) {
      if (now - record.issuedAt > 2 * AUTHORIZATION_CODE_LIFETIME_MS) this.#codes.delete(code);
    }
  }
}
