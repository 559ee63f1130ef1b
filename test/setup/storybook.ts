import { configure } from 'storybook/test';

// Play functions run under `npm test` on two cores that other work keeps busy: their `findBy…`
// and `waitFor` wait for a condition up to this ceiling, not Testing Library's 1 s default. A
// condition that holds returns at once.
configure({ asyncUtilTimeout: 15_000 });
