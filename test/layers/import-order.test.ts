import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findLayerViolations,
  formatViolation,
  importSpecifiers,
  layerOf,
  readSourceTree,
} from '../../scripts/import-layers.js';

const src = fileURLToPath(new URL('../../src', import.meta.url));

describe('import order of src/', () => {
  it('every import in src/ looks down the layers (core ← adapters ← react, messages ← hooks ← components)', () => {
    const files = readSourceTree(src);
    // The walk must have found the tree, or an empty list would pass vacuously.
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((f) => layerOf(f.path)).filter((l) => l === undefined)).toEqual([]);
    expect(findLayerViolations(files).map(formatViolation)).toEqual([]);
  });

  // The shape of src/ before the React helpers and the catalogues moved out of components/
  // (import lines copied from that tree): the check must refuse it.
  const treeBeforeTheMove = [
    {
      path: 'hooks/useConnection.ts',
      text: `import { useCallback } from 'react';
import type { SalesforceConnectAdapter } from '../adapters/types.js';
import { useLatest } from '../components/internal/use-latest.js';
import { type ConnectError, toConnectError } from '../core/errors.js';`,
    },
    {
      path: 'hooks/useSetupGuide.ts',
      text: `import { copyText } from '../components/form/copy-text.js';
import { useControllableState } from '../components/internal/use-controllable-state.js';
import { useMessages } from '../components/messages/context.js';
import { type SetupGuideMessages } from '../components/messages/setupGuide.js';
import { buildSetupGuide } from '../core/guide/build.js';`,
    },
    {
      path: 'simulator/simulator.ts',
      text: `import { delay } from '../adapters/cancellation.js';
import { ConnectError } from '../core/errors.js';`,
    },
    {
      path: 'components/messages/setupGuide.ts',
      text: `import type { ErrorCatalogue } from '../../core/error-catalogue.js';
import { copyFieldMessagesDe } from './copyField.js';`,
    },
  ];

  it('fails on the tree as it was: hooks importing the styled layer, the simulator an adapter', () => {
    expect(findLayerViolations(treeBeforeTheMove).map(formatViolation)).toEqual([
      "src/hooks/useConnection.ts: '../components/internal/use-latest.js' (hooks → components)",
      "src/hooks/useSetupGuide.ts: '../components/form/copy-text.js' (hooks → components)",
      "src/hooks/useSetupGuide.ts: '../components/internal/use-controllable-state.js' (hooks → components)",
      "src/hooks/useSetupGuide.ts: '../components/messages/context.js' (hooks → components)",
      "src/hooks/useSetupGuide.ts: '../components/messages/setupGuide.js' (hooks → components)",
      "src/simulator/simulator.ts: '../adapters/cancellation.js' (simulator → adapters)",
    ]);
  });

  it.each([
    ['core/x.ts', "import { useLatest } from '../react/use-latest.js';", 'core → react'],
    ['adapters/x.ts', "export { a } from '../hooks/useConnection.js';", 'adapters → hooks'],
    ['react/x.ts', "import { m } from '../messages/status.js';", 'react → messages'],
    [
      'messages/x.ts',
      "import type { X } from '../components/CopyField.js';",
      'messages → components',
    ],
    ['server/x.ts', "const m = await import('../adapters/fetch.js');", 'server → adapters'],
    ['callback/x.ts', "import { h } from '../hooks/connect-flow.js';", 'callback → hooks'],
    ['testing/x.ts', "import { s } from '../server/index.js';", 'testing → server'],
    ['core/x.ts', "import { useState } from 'react';", 'core → react'],
    ['server/x.ts', "import { Dialog } from '@radix-ui/react-dialog';", 'server → react'],
    ['hooks/x.ts', "import { a } from '../../demo/stack.js';", 'hooks → unknown'],
  ])('refuses %s importing %s', (path, text, arrow) => {
    const [violation] = findLayerViolations([{ path, text }]);
    expect(violation && `${violation.from} → ${violation.to}`).toBe(arrow);
  });

  it.each([
    ['hooks/x.ts', "import { useLatest } from '../react/use-latest.js';"],
    ['hooks/x.ts', "import { useMessages } from '../messages/context.js';"],
    ['components/x.tsx', "import { useConnection } from '../hooks/useConnection.js';"],
    ['components/guide/x.tsx', "import { parts } from '../internal/parts.js';"],
    ['index.ts', "export { CopyField } from './components/CopyField.js';"],
    ['server/x.ts', "import * as oauth from 'oauth4webapi';"],
    ['messages/context.tsx', "import { createContext } from 'react';"],
  ])('allows %s importing %s', (path, text) => {
    expect(findLayerViolations([{ path, text }])).toEqual([]);
  });

  it('reads re-exports, type imports and dynamic imports, but not comments', () => {
    expect(
      importSpecifiers(`// import { a } from '../components/x.js';
/** @example import { b } from 'salesforce-connect'; */
import type { T } from './t.js';
export * from './all.js';
const lazy = () => import('./lazy.js');`),
    ).toEqual(['./t.js', './all.js', './lazy.js']);
  });
});
