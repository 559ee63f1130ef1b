import { randomHandle } from './salesforce-ids.js';

/** The cookie that holds a browser's login session with the simulated org (as Salesforce's `sid`). */
export const SESSION_COOKIE = 'sid';

/** A browser's login session. */
export interface LoginSession {
  readonly userId: string;
  readonly createdAt: number;
}

/**
 * One authorize request on its way through login and consent. Its id travels in the login page's
 * `startURL` and the consent form (`source`), so no OAuth parameter has to be carried in a page.
 */
export interface AuthorizationAttempt {
  readonly consumerKey: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly nonce: string | undefined;
  readonly loginHint: string | undefined;
  /** `prompt=login` (or `select_account`): a login on this attempt is required. */
  readonly forceLogin: boolean;
  /** `prompt=consent`: show "Allow Access?" even when the user approved the app before. */
  readonly forceConsent: boolean;
  readonly createdAt: number;
  /** Set when the user logs in from this attempt's login page. */
  loggedIn: boolean;
  /** The user the consent page was shown to; only they may answer it. */
  consentUserId: string | undefined;
}

const ATTEMPT_LIFETIME_MS = 30 * 60 * 1000;
// Server-side preflights open attempts they never finish; old ones are dropped beyond this many.
const MAX_ATTEMPTS = 1000;

/** Login sessions (by cookie) and authorization attempts in progress. */
export class BrowserSessions {
  readonly #sessions = new Map<string, LoginSession>();
  readonly #attempts = new Map<string, AuthorizationAttempt>();
  readonly #sessionTimeoutMs: number;

  constructor(sessionTimeoutMs: number) {
    this.#sessionTimeoutMs = sessionTimeoutMs;
  }

  /** Ends every login session and authorization in progress (the org behind them changed). */
  endAll(): void {
    this.#sessions.clear();
    this.#attempts.clear();
  }

  startSession(userId: string, now: number): string {
    const id = randomHandle();
    this.#sessions.set(id, { userId, createdAt: now });
    return id;
  }

  session(id: string | undefined, now: number): LoginSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session && now - session.createdAt >= this.#sessionTimeoutMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  openAttempt(attempt: Omit<AuthorizationAttempt, 'loggedIn' | 'consentUserId'>): {
    id: string;
    attempt: AuthorizationAttempt;
  } {
    for (const [id, old] of this.#attempts) {
      if (
        this.#attempts.size >= MAX_ATTEMPTS ||
        attempt.createdAt - old.createdAt >= ATTEMPT_LIFETIME_MS
      ) {
        this.#attempts.delete(id);
      }
    }
    const id = randomHandle();
    const opened: AuthorizationAttempt = { ...attempt, loggedIn: false, consentUserId: undefined };
    this.#attempts.set(id, opened);
    return { id, attempt: opened };
  }

  attempt(id: string | null | undefined, now: number): AuthorizationAttempt | undefined {
    if (!id) return undefined;
    const attempt = this.#attempts.get(id);
    if (attempt && now - attempt.createdAt >= ATTEMPT_LIFETIME_MS) {
      this.#attempts.delete(id);
      return undefined;
    }
    return attempt;
  }

  /** An attempt ends once, with a code or an error: its id cannot be replayed. */
  closeAttempt(id: string): void {
    this.#attempts.delete(id);
  }
}
