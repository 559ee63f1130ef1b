/** What a bundle's code shows about loading code from elsewhere at run time. */
export interface RemoteEvidence {
  /** Of the URLs looked for, those that occur in the code. */
  urlsFound: string[];
  /** Of the URLs looked for, those that do not. */
  urlsMissing: string[];
  /** The code creates an `<iframe>` (DOM API or JSX runtime). */
  createsIframe: boolean;
  /** The code creates a `<script>` element, the way CDN loaders inject theirs. */
  createsScript: boolean;
}

const createsElement = (tag: string) =>
  new RegExp(`(?:createElement|\\bjsxs?|\\bjsxDEV)\\(\\s*(["'\`])${tag}\\1`);

const IFRAME = createsElement('iframe');
const SCRIPT = createsElement('script');

/**
 * Reads a bundle for signs of remote code: the vendor URLs it is said to load, and whether it
 * creates iframes or script elements at all. Minifiers keep string literals and DOM calls, so this
 * works on the minified output that ships.
 *
 * @example
 * scanRemoteEvidence('document.createElement("script").src="https://cdn.plaid.com/x.js"', [
 *   'https://cdn.plaid.com/x.js',
 * ]); // → { urlsFound: ['https://cdn.plaid.com/x.js'], urlsMissing: [], createsIframe: false, createsScript: true }
 */
export function scanRemoteEvidence(code: string, urls: readonly string[]): RemoteEvidence {
  return {
    urlsFound: urls.filter((url) => code.includes(url)),
    urlsMissing: urls.filter((url) => !code.includes(url)),
    createsIframe: IFRAME.test(code),
    createsScript: SCRIPT.test(code),
  };
}
