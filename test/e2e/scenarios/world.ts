// What a shared scenario needs from the file that runs it: the running demo stack and a fresh
// browser context on a workspace of its own. `setUpE2eFile()` gives both (PGlite); the
// PostgreSQL file builds the same over a `pg.Pool`.
import type { DemoStack } from '../../../demo/stack.js';
import type { openSession, Session } from '../support/session.js';

/** The stack a scenario drives and a way to open a browser session on it. */
export interface E2eWorld {
  readonly stack: DemoStack;
  session(options?: Parameters<typeof openSession>[2]): Promise<Session>;
}
