import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorsReference } from '../../scripts/docs/errors-reference.js';
import { CONNECT_ERROR_CODES } from '../../src/core/errors.js';

describe('docs/errors.md', () => {
  it('is exactly what the catalogue renders (run `npm run docs` after changing it)', () => {
    const file = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    expect(file).toBe(renderErrorsReference());
  });

  it('has a section for every error code', () => {
    const reference = renderErrorsReference();
    for (const code of CONNECT_ERROR_CODES) expect(reference).toContain(`\n## ${code}\n`);
  });
});
