import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGraphQLAdapter } from '../../docs/examples/graphql-adapter.js';
import { testRestAdapter } from '../../docs/examples/rest-adapter.conformance.js';
import { createServerActionsAdapter } from '../../docs/examples/server-actions-adapter.js';
import { MEMORY_SCENARIOS } from '../../src/adapters/memory-scenarios.js';
import { CONFORMANCE_CHECKS, runAdapterConformance } from '../../src/testing/conformance.js';
import {
  startGraphQLBackend,
  startOwnRestBackend,
  startServerActions,
} from './example-backends.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');
const guide = read('docs/adapters.md');

/** What a reader sees: the repository's relative imports as the package's entry points. */
const asPublished = (source: string) =>
  source.replace(/from '\.\.\/\.\.\/src\/([a-z]+)\/[a-z-]+\.js'/g, "from 'salesforce-connect/$1'");

// The documented adapters, run through the suite against backends speaking their protocols.
testRestAdapter(startOwnRestBackend);

runAdapterConformance(
  () => {
    const backend = startGraphQLBackend();
    return {
      adapter: createGraphQLAdapter({ endpoint: '/graphql', fetch: backend.fetch }),
      simulateAuthorization: (start) => backend.approveAtSalesforce(start.authorizeUrl),
    };
  },
  { describe, it, expect },
  { name: 'docs example: GraphQL adapter' },
);

runAdapterConformance(
  () => {
    const backend = startServerActions();
    return {
      adapter: createServerActionsAdapter(backend.actions),
      simulateAuthorization: (start) => backend.approveAtSalesforce(start.authorizeUrl),
    };
  },
  { describe, it, expect },
  { name: 'docs example: server actions adapter' },
);

describe('docs/adapters.md', () => {
  const examples = readdirSync(`${root}docs/examples`).filter((file) => file.endsWith('.ts'));

  it.each(examples)('shows docs/examples/%s exactly as it is type-checked and run', (file) => {
    const path = `docs/examples/${file}`;
    const marker = `<!-- embedded from ${path}:`;
    const at = guide.indexOf(marker);
    expect(at, `${path} is not embedded in docs/adapters.md`).toBeGreaterThan(-1);
    const block = /```ts\n([\s\S]*?)\n```/.exec(guide.slice(at));
    expect(block?.[1]).toBe(asPublished(read(path)).trimEnd());
  });

  it.each(['rest-adapter.ts', 'graphql-adapter.ts', 'server-actions-adapter.ts'])(
    'keeps the %s example under 50 lines',
    (file) => {
      expect(read(`docs/examples/${file}`).trimEnd().split('\n').length).toBeLessThan(50);
    },
  );

  it('lists every memory adapter scenario', () => {
    for (const scenario of MEMORY_SCENARIOS) expect(guide).toContain(`| \`${scenario}\` |`);
  });

  it('lists every conformance check by its title', () => {
    for (const title of Object.values(CONFORMANCE_CHECKS)) expect(guide).toContain(`- ${title}\n`);
  });
});
