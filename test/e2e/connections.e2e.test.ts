import { afterAll, describe, it } from 'vitest';
import {
  duplicateOrgRefused,
  sandboxNextToProduction,
  startSandbox,
} from './scenarios/connections.js';
import { setUpE2eFile } from './support/session.js';

// Several connections per workspace on the demo stack (PGlite): production and a UAT sandbox
// side by side, one removed; and one org connected twice, refused naming the first. The same
// scenarios run on PostgreSQL in stores.pg.test.ts.

const { sandbox, loginHosts } = await startSandbox();
afterAll(() => sandbox.close());

const e2e = setUpE2eFile({ extraLoginHosts: loginHosts });

describe('several connections', () => {
  it('adds a sandbox next to production; removing production leaves the sandbox connected', () =>
    sandboxNextToProduction(e2e, sandbox));

  it('refuses a second connection to the same org (duplicate_org); the refusal names the first connection', () =>
    duplicateOrgRefused(e2e));
});
