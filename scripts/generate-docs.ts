// `npm run docs`: rewrites the generated reference pages in docs/.
import { writeFileSync } from 'node:fs';
import { renderErrorsReference } from './docs/errors-reference.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsReference());
console.log('docs/errors.md written');
