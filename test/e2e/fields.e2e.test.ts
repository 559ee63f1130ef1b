import { describe, it } from 'vitest';
import { fieldsSavedAndRefused } from './scenarios/fields.js';
import { setUpE2eFile } from './support/session.js';

// The integrator's fields on the demo stack (PGlite): the page's `?fields=1` form and the demo
// server check the same definitions. The same scenario runs on PostgreSQL in stores.pg.test.ts.

const e2e = setUpE2eFile();

describe('integrator fields', () => {
  it('refuses a too-long name and * mixed with names beside their boxes, saves, shows the values back, and the server refuses an unknown field', () =>
    fieldsSavedAndRefused(e2e));
});
