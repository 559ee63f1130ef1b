import { describe, expect, it } from 'vitest';
import { type AppBuild, viewCosts } from '../../bench/app-views.js';
import { measureBytes } from '../../bench/size.js';

const code = (text: string) => Buffer.from(text, 'utf8');
const file = (text: string, imports: string[], modules: string[]) => ({
  code: code(text),
  imports,
  modules,
});

describe('viewCosts', () => {
  const app: AppBuild = {
    entry: 'main.js',
    files: new Map([
      ['main.js', file('main'.repeat(50), ['shared.js'], ['app/main.jsx', 'SalesforceConnect'])],
      ['shared.js', file('shared'.repeat(40), [], ['messages-context'])],
      [
        'setup.js',
        file('setup'.repeat(300), ['shared.js', 'form.js'], ['components-internal-setup-details']),
      ],
      ['form.js', file('form'.repeat(200), [], ['components-CredentialsForm'])],
      ['dialog.js', file('dialog'.repeat(100), ['shared.js'], ['components-ConnectDialog'])],
    ]),
  };
  const gzip = (...names: string[]) =>
    names.reduce((sum, name) => sum + measureBytes(app.files.get(name)?.code ?? '').gzip, 0);

  it('counts the entry and its static imports as the connected view', () => {
    const [connected] = viewCosts(app);
    expect(connected).toEqual({
      view: 'connected',
      files: 2,
      size: expect.objectContaining({ gzip: gzip('main.js', 'shared.js') }),
    });
  });

  it('adds what a view loads on demand, each shared file once', () => {
    const views = Object.fromEntries(viewCosts(app).map((view) => [view.view, view]));
    expect(views.setup?.files).toBe(4);
    expect(views.setup?.size.gzip).toBe(gzip('main.js', 'shared.js', 'setup.js', 'form.js'));
    expect(views.dialog?.size.gzip).toBe(gzip('main.js', 'shared.js', 'dialog.js'));
    expect(views.total?.files).toBe(5);
  });

  it('costs nothing extra for a view whose module the bundler left in the first load', () => {
    const merged: AppBuild = {
      entry: 'main.js',
      files: new Map([
        ['main.js', file('x'.repeat(500), [], ['SalesforceConnect', 'components-ConnectDialog'])],
      ]),
    };
    const views = viewCosts(merged);
    expect(views.map((view) => view.size.gzip)).toEqual(
      Array.from({ length: 4 }, () => views[0]?.size.gzip),
    );
  });
});
