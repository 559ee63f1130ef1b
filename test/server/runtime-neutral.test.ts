import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The handler must run on edge runtimes (workers, Next.js edge routes): nothing on the path from
// the server entry may import a Node built-in at run time. Type-only imports vanish on build.
const entry = fileURLToPath(new URL('../../src/server/index.ts', import.meta.url));
const importPattern = /^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)';/gms;

function runtimeImports(file: string, seen = new Set<string>()): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (seen.has(file)) return found;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(importPattern)) {
    const [, , typeOnly, specifier = ''] = match;
    if (typeOnly) continue;
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      for (const [name, files] of runtimeImports(target, seen)) {
        found.set(name, [...(found.get(name) ?? []), ...files]);
      }
    } else {
      found.set(specifier, [...(found.get(specifier) ?? []), file.slice(file.indexOf('src/'))]);
    }
  }
  return found;
}

it('imports no Node built-in at run time, only oauth4webapi and zod/mini', () => {
  const packages = [...runtimeImports(entry).keys()].sort();
  const builtins = packages.filter(
    (name) => name.startsWith('node:') || builtinModules.includes(name.split('/')[0] ?? ''),
  );
  expect(builtins).toEqual([]);
  expect(packages).toEqual(['oauth4webapi', 'zod/mini']);
});
