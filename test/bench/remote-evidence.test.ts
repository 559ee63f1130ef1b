import { describe, expect, it } from 'vitest';
import { scanRemoteEvidence } from '../../bench/remote-evidence.js';

describe('scanRemoteEvidence', () => {
  it('finds a CDN loader: the script element and its URL', () => {
    const code =
      'const s=document.createElement("script");s.src="https://cdn.plaid.com/link/v2/stable/link-initialize.js"';
    expect(
      scanRemoteEvidence(code, ['https://cdn.plaid.com/link/v2/stable/link-initialize.js']),
    ).toEqual({
      urlsFound: ['https://cdn.plaid.com/link/v2/stable/link-initialize.js'],
      urlsMissing: [],
      createsIframe: false,
      createsScript: true,
    });
  });

  it('sees iframes made with any quote style, and through the JSX runtime', () => {
    expect(scanRemoteEvidence("e=document.createElement('iframe')", []).createsIframe).toBe(true);
    expect(scanRemoteEvidence('e=document.createElement(`iframe`)', []).createsIframe).toBe(true);
    expect(scanRemoteEvidence('return jsx("iframe",{src:u})', []).createsIframe).toBe(true);
    expect(scanRemoteEvidence('return jsxs( "script",{})', []).createsScript).toBe(true);
  });

  it('is not fooled by the words alone or by other elements', () => {
    const code =
      'const help="Salesforce shows the page in an iframe";document.createElement("div");jsx("a",{children:"script"})';
    const evidence = scanRemoteEvidence(code, []);
    expect(evidence.createsIframe).toBe(false);
    expect(evidence.createsScript).toBe(false);
  });

  it('lists the URLs a bundle does not contain, so a stale claim fails the run', () => {
    const evidence = scanRemoteEvidence('fetch("https://api.nango.dev/x")', [
      'https://api.nango.dev',
      'https://connect.nango.dev',
    ]);
    expect(evidence.urlsFound).toEqual(['https://api.nango.dev']);
    expect(evidence.urlsMissing).toEqual(['https://connect.nango.dev']);
  });
});
