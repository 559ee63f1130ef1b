/**
 * What a package fetches from its vendor when an app uses it: the code it ships is only a loader,
 * the real UI comes over the network at run time.
 */
export interface RemoteLoad {
  /** In words, for the table. */
  what: string;
  /**
   * URLs the package loads. Each must occur in the measured bundle, or the bench fails: the claim
   * in the table is checked against the code that ships, not taken on trust.
   */
  urls: readonly string[];
}

/** One row of the bundle-cost comparison. */
export interface BundleSubject {
  id: string;
  kind: 'kit' | 'peer';
  /** The import specifier an app writes (`react-plaid-link`, `salesforce-connect/core`). */
  specifier: string;
  /** The npm package the version is read from. */
  packageName: string;
  /** What the entry imports, as the table shows it. */
  imports: string;
  /** The entry module: it re-exports what an app uses, so tree-shaking keeps exactly that. */
  source: string;
  loader: 'js' | 'css';
  /** Null for the kit: it loads nothing remote (checked on its bundle too). */
  remote: RemoteLoad | null;
  /**
   * Kit rows measured from the sources: the entry to use instead when the package's entry does
   * not export this yet (relative to the kit's root).
   */
  sourceModuleFallback?: string;
  notes: string;
}

const kit = (
  subject: Omit<BundleSubject, 'kind' | 'packageName' | 'remote' | 'loader'> &
    Partial<Pick<BundleSubject, 'loader'>>,
): BundleSubject => ({
  kind: 'kit',
  packageName: 'salesforce-connect',
  remote: null,
  loader: 'js',
  ...subject,
});

/**
 * The kit's entries, each with what an app imports from it. The main entry is measured twice:
 * the all-in-one component, and the headless hook (the like-for-like match of `usePlaidLink`).
 */
export const KIT_SUBJECTS: readonly BundleSubject[] = [
  kit({
    id: 'kit',
    specifier: 'salesforce-connect',
    imports: '{ SalesforceConnect }',
    source: "export { SalesforceConnect } from 'salesforce-connect';",
    sourceModuleFallback:
      "export { SalesforceConnect } from './src/components/SalesforceConnect.tsx';",
    notes: 'guide, form, validation, dialog, status: all in it',
  }),
  kit({
    id: 'kit-hook',
    specifier: 'salesforce-connect',
    imports: '{ useSalesforceConnect }',
    source: "export { useSalesforceConnect } from 'salesforce-connect';",
    sourceModuleFallback:
      "export { useSalesforceConnect } from './src/hooks/useSalesforceConnect.ts';",
    notes: 'headless: popup flow and state, your UI',
  }),
  kit({
    id: 'kit-styles',
    specifier: 'salesforce-connect/styles.css',
    imports: 'styles.css',
    source: "@import 'salesforce-connect/styles.css';",
    loader: 'css',
    notes: 'optional theme (light, dark, RTL)',
  }),
  kit({
    id: 'kit-core',
    specifier: 'salesforce-connect/core',
    imports: '* (the whole entry)',
    source: "export * from 'salesforce-connect/core';",
    notes: 'upper bound: apps import a few functions',
  }),
  kit({
    id: 'kit-adapters',
    specifier: 'salesforce-connect/adapters',
    imports: '{ createFetchAdapter }',
    source: "export { createFetchAdapter } from 'salesforce-connect/adapters';",
    notes: 'speaks the REST contract',
  }),
  kit({
    id: 'kit-callback',
    specifier: 'salesforce-connect/callback',
    imports: '{ relayOAuthResult }',
    source: "export { relayOAuthResult } from 'salesforce-connect/callback';",
    notes: "callback page on the app's origin",
  }),
];

/**
 * The peer kits, each with the export its README has an app use. Their URLs were found by reading
 * each package's code (bench/peers/node_modules); the bench re-checks them on every run.
 */
export const PEER_SUBJECTS: readonly BundleSubject[] = [
  {
    id: 'nango',
    kind: 'peer',
    specifier: '@nangohq/frontend',
    packageName: '@nangohq/frontend',
    imports: 'default (class Nango)',
    source: "export { default } from '@nangohq/frontend';",
    loader: 'js',
    remote: {
      what: 'iframe connect.nango.dev (Connect UI); popup and websocket api.nango.dev',
      urls: ['https://connect.nango.dev', 'https://api.nango.dev'],
    },
    notes: 'forms and provider UI come from Nango',
  },
  {
    id: 'plaid',
    kind: 'peer',
    specifier: 'react-plaid-link',
    packageName: 'react-plaid-link',
    imports: '{ usePlaidLink }',
    source: "export { usePlaidLink } from 'react-plaid-link';",
    loader: 'js',
    remote: {
      what: 'script cdn.plaid.com/link/v2/stable/link-initialize.js (Link)',
      urls: ['https://cdn.plaid.com/link/v2/stable/link-initialize.js'],
    },
    notes: 'its ESM build (its browser field is UMD)',
  },
  {
    id: 'merge',
    kind: 'peer',
    specifier: '@mergeapi/react-merge-link',
    packageName: '@mergeapi/react-merge-link',
    imports: '{ useMergeLink }',
    source: "export { useMergeLink } from '@mergeapi/react-merge-link';",
    loader: 'js',
    remote: {
      what: 'script cdn.merge.dev/initialize.js (Merge Link)',
      urls: ['https://cdn.merge.dev/initialize.js'],
    },
    notes: "also knows other deployments' CDNs",
  },
  {
    id: 'apideck',
    kind: 'peer',
    specifier: '@apideck/vault-react',
    packageName: '@apideck/vault-react',
    imports: '{ useVault }',
    source: "export { useVault } from '@apideck/vault-react';",
    loader: 'js',
    remote: {
      what: 'iframe vaultjs.apideck.com (Vault modal)',
      urls: ['https://vaultjs.apideck.com'],
    },
    notes: 'only export: the hook; peers React ≤ 18',
  },
  {
    id: 'paragon',
    kind: 'peer',
    specifier: '@useparagon/connect',
    packageName: '@useparagon/connect',
    imports: '{ paragon }',
    source: "export { paragon } from '@useparagon/connect';",
    loader: 'js',
    remote: {
      what: 'iframe connect.useparagon.com/ui (Connect Portal); assets cdn.useparagon.com',
      urls: ['https://connect.useparagon.com', 'https://cdn.useparagon.com'],
    },
    notes: 'prebuilt CommonJS: nothing tree-shakes',
  },
];
