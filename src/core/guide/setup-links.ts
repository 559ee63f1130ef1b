import { type NormalizeLoginUrlOptions, normalizeLoginUrl } from '../login-url.js';

/**
 * Paths of Setup pages the guide links to, on the org's own My Domain. Salesforce does not
 * document these addresses (SALESFORCE.md marks them "verify"), so they live here only: when one
 * moves, this is the one line to change, and the guide always shows the menu path beside the link.
 *
 * @example
 * `https://acme.my.salesforce.com${SETUP_PAGE_PATHS.appManager}`
 */
export const SETUP_PAGE_PATHS = {
  externalClientAppManager: '/lightning/setup/ManageExternalClientApplication/home',
  appManager: '/lightning/setup/NavigationMenus/home',
} as const;

/**
 * A Setup page the guide can link to; see {@link SETUP_PAGE_PATHS}.
 *
 * @example
 * setupPageUrl(loginUrl, 'appManager' satisfies SetupPage);
 */
export type SetupPage = keyof typeof SETUP_PAGE_PATHS;

/**
 * The login URL as the kit will use it, or undefined when it is missing or not a login URL.
 *
 * @example
 * guideLoginUrl('https://acme.lightning.force.com/lightning/setup/SetupOneHome/home')
 * // 'https://acme.my.salesforce.com'
 */
export function guideLoginUrl(
  loginUrl: string | undefined,
  options?: NormalizeLoginUrlOptions,
): string | undefined {
  if (!loginUrl) return undefined;
  const result = normalizeLoginUrl(loginUrl, options);
  return result.ok ? result.url : undefined;
}

/**
 * A deep link to a Setup page in the admin's own org. Only a My Domain says which org that is:
 * for login.salesforce.com, test.salesforce.com, an Experience Cloud site or an unknown URL there
 * is no link, and the guide shows the path through Setup's menu instead.
 *
 * @example
 * setupPageUrl('https://acme.my.salesforce.com', 'externalClientAppManager')
 * // 'https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home'
 * setupPageUrl('https://login.salesforce.com', 'appManager') // undefined
 */
export function setupPageUrl(
  loginUrl: string | undefined,
  page: SetupPage,
  options?: NormalizeLoginUrlOptions,
): string | undefined {
  if (!loginUrl) return undefined;
  const result = normalizeLoginUrl(loginUrl, options);
  // An Experience Cloud site has a name but no Setup; an integrator's own host has neither.
  const hasSetup = result.ok && result.myDomain && result.kind !== 'experience-cloud';
  return hasSetup ? `${result.origin}${SETUP_PAGE_PATHS[page]}` : undefined;
}
