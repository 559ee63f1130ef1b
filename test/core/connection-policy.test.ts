import { describe, expect, it } from 'vitest';
import { duplicateOrgError } from '../../src/core/connection-policy.js';
import { explainError } from '../../src/core/error-catalogue.js';
import { ConnectError } from '../../src/core/errors.js';
import { errorCatalogueDe } from '../../src/core/locales/de.js';

describe('duplicate_org names the connection that has the org', () => {
  it('carries its id through the wire form, where the page looks up its name', () => {
    const error = duplicateOrgError({ id: 'prod', name: 'Production' });
    expect(error.message).toContain('“Production”');
    const wire = JSON.parse(JSON.stringify(error.toJSON()));
    expect(wire).toMatchObject({ code: 'duplicate_org', connectionId: 'prod' });
    expect(ConnectError.fromJSON(wire).connectionId).toBe('prod');
    // Not an id: dropped, never guessed.
    expect(ConnectError.fromJSON({ code: 'duplicate_org', connectionId: 7 }).connectionId).toBe(
      undefined,
    );
  });

  it('explains with the name in English and German, and reads well without it', () => {
    const values = { connectionName: 'Production' };
    expect(explainError('duplicate_org', { values }).cause).toContain(
      'already connected as Production,',
    );
    expect(explainError('duplicate_org', { values, catalogue: errorCatalogueDe }).cause).toContain(
      'bereits als Production verbunden',
    );
    expect(explainError('duplicate_org').cause).toContain(
      'already connected as another of your connections,',
    );
  });
});
