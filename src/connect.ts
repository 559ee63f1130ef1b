// salesforce-connect/connect: `SalesforceConnect` alone. The build marks this entry 'use client'.
//
// The main entry re-exports every component, so it statically reaches the setup guide, the form
// and the dialogs. Rollup, Rolldown (Vite) and webpack follow only what an app uses and keep
// those in the chunks `SalesforceConnect` loads on demand; esbuild's code splitting follows every
// import of a file it includes, used or not, and would put them all in the first load. This entry
// reaches only what the component itself imports.
export {
  preloadSalesforceConnect,
  SalesforceConnect,
  type SalesforceConnectProps,
  type SalesforceConnectView,
} from './components/SalesforceConnect.js';
