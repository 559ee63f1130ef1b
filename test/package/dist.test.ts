import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = ['', '/core', '/guide', '/callback', '/simulator'];

/**
 * Imports the built package the way a consumer's Node does: plain `node`, by package name
 * through the exports map, no bundler and no DOM. Proves ESM output, no `window` at import
 * time, and that the React entry renders on a server.
 */
async function nodeEval(source: string) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return stdout.trim();
}

describe('built package in plain Node', () => {
  it('has been built', () => {
    expect(existsSync(`${root}/dist/index.js`), 'run `npm run build` first').toBe(true);
  });

  it.each(entries)('imports salesforce-connect%s without a DOM', async (entry) => {
    const out = await nodeEval(
      `const m = await import('salesforce-connect${entry}'); console.log(typeof globalThis.window, Object.keys(m).length);`,
    );
    const [windowType, exportCount] = out.split(' ');
    expect(windowType).toBe('undefined');
    expect(Number(exportCount)).toBeGreaterThan(0);
  });

  it('marks the component entry and every chunk of React code as client modules, not the main entry', async () => {
    // The main entry is a barrel that also exports server-safe code (errors, the catalogue): each
    // React chunk it re-exports is its own client module, so a server component that renders
    // `SalesforceConnect` sends the browser that component's code alone (bench: Next.js views).
    const out = await nodeEval(
      `import { readdirSync, readFileSync } from 'node:fs';
       const client = (file) => /^['"]use client['"]/.test(readFileSync(file, 'utf8'));
       for (const f of ['index', 'connect', 'core', 'server']) console.log(f, client('dist/' + f + '.js'));
       const react = readdirSync('dist/chunks').filter((f) => f.endsWith('.js'))
         .filter((f) => /from ['"]react([/]jsx-runtime)?['"]/.test(readFileSync('dist/chunks/' + f, 'utf8')));
       console.log('react chunks', react.length > 0, react.filter((f) => !client('dist/chunks/' + f)).join(' ') || 'all client');`,
    );
    expect(out.split('\n')).toEqual([
      'index false',
      'connect true',
      'core false',
      'server false',
      'react chunks true all client',
    ]);
  });

  it('renders the React entry to a string', async () => {
    const out = await nodeEval(
      `import { createElement } from 'react';
       import { renderToString } from 'react-dom/server';
       import { CopyField } from 'salesforce-connect';
       console.log(renderToString(createElement(CopyField, { label: 'Callback URL', value: 'https://a.example/cb' })));`,
    );
    expect(out).toContain('Callback URL');
    expect(out).toContain('value="https://a.example/cb"');
  });
});
