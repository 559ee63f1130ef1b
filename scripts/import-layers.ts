// The layer drawing of src/, checked: every relative import must point at the importer's own
// layer or one the drawing allows. Run by test/layers/import-order.test.ts; also runnable alone:
//   npx tsx scripts/import-layers.ts
//
//   core ← adapters ← (react helpers, messages) ← hooks ← components
//   testing on core + adapters; callback, server, simulator on core only; src/index.ts on all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type Layer =
  | 'core'
  | 'adapters'
  | 'react'
  | 'messages'
  | 'hooks'
  | 'components'
  | 'testing'
  | 'callback'
  | 'server'
  | 'simulator'
  | 'entry';

/** What each layer may import besides itself. */
export const allowedImports: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  adapters: ['core'],
  // The React helpers and the message catalogues sit side by side: neither needs the other.
  react: ['core', 'adapters'],
  messages: ['core', 'adapters'],
  hooks: ['core', 'adapters', 'react', 'messages'],
  components: ['core', 'adapters', 'react', 'messages', 'hooks'],
  testing: ['core', 'adapters'],
  callback: ['core'],
  server: ['core'],
  simulator: ['core'],
  entry: ['core', 'adapters', 'react', 'messages', 'hooks', 'components'],
};

const layerNames = new Set<string>(Object.keys(allowedImports));

/** Layers that run without React (Node servers, workers, framework-free code). */
const reactFreeLayers: ReadonlySet<Layer> = new Set([
  'core',
  'adapters',
  'testing',
  'callback',
  'server',
  'simulator',
]);

const reactPackage = /^(react|react-dom)(\/|$)|^react-hook-form$|^@radix-ui\/|^@hookform\//;

/** The layer a path under src/ belongs to (`src/hooks/x.ts` → hooks, `src/index.ts` → entry). */
export function layerOf(srcRelativePath: string): Layer | undefined {
  const parts = srcRelativePath.split('/');
  if (parts.length === 1) return 'entry';
  return layerNames.has(parts[0] ?? '') ? (parts[0] as Layer) : undefined;
}

export interface SourceFile {
  /** Path relative to src/, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface LayerViolation {
  readonly file: string;
  readonly specifier: string;
  readonly from: Layer | 'unknown';
  readonly to: Layer | 'unknown';
}

/** Every import, re-export and dynamic import of a file (comments and strings are not read). */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The imports that go against the drawing: up a layer, sideways, out of src/, or React packages
 * in a layer that must run without React.
 */
export function findLayerViolations(files: readonly SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    for (const specifier of importSpecifiers(file.text)) {
      if (!specifier.startsWith('.')) {
        if (from && reactFreeLayers.has(from) && reactPackage.test(specifier)) {
          violations.push({ file: file.path, specifier, from, to: 'react' });
        }
        continue;
      }
      const target = path.posix.normalize(
        path.posix.join(path.posix.dirname(file.path), specifier),
      );
      const to = target.startsWith('..') ? undefined : layerOf(target);
      const ok =
        from !== undefined &&
        to !== undefined &&
        (from === to || allowedImports[from].includes(to));
      if (!ok) {
        violations.push({
          file: file.path,
          specifier,
          from: from ?? 'unknown',
          to: to ?? 'unknown',
        });
      }
    }
  }
  return violations;
}

/** Reads every .ts/.tsx file under a src/ folder. */
export function readSourceTree(srcDir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        files.push({
          path: path.relative(srcDir, full).split(path.sep).join('/'),
          text: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(srcDir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function formatViolation(v: LayerViolation): string {
  return `src/${v.file}: '${v.specifier}' (${v.from} → ${v.to})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = fileURLToPath(new URL('../src', import.meta.url));
  const violations = findLayerViolations(readSourceTree(src));
  for (const v of violations) console.error(formatViolation(v));
  console.log(`${violations.length} import(s) against the layer order`);
  process.exitCode = violations.length ? 1 : 0;
}
