// The integrator fields the demo asks for with `?fields=1`, declared once: the page passes them
// to <SalesforceConnect fields connectionName/> and the demo's server to
// createConnectHandler({ fields }), so the form and the backend check the same definitions.
// Taken from two vendors' setup pages (the presets in src/core/guide/presets.ts): the company
// names of seed 003 (a list where `*` alone means all, never mixed with names) and the
// connection name of seed 002.
import { type ConnectionNameField, defineConnectionFields } from '../src/core/fields.js';
import { presets } from '../src/core/guide/presets.js';

/**
 * The demo's integrator fields: "Company names" (one per row, `*` alone for all of them).
 *
 * @example
 * createConnectHandler({ ...options, fields: demoFields });
 */
export const demoFields = defineConnectionFields({
  companies: presets.connectedAppDeviceFlowFullAccess.connectionFields.companies,
});

/**
 * The demo's "Connection name" box with `?fields=1`: required, as seed 002's page asks.
 *
 * @example
 * <SalesforceConnect adapter={adapter} fields={demoFields} connectionName={demoConnectionName} />
 */
export const demoConnectionName: ConnectionNameField =
  presets.externalClientAppWithoutPkce.connectionName;
