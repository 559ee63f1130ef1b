// Every field of the kit's Connection.
const CONNECTION = `{ status loginUrl consumerKeyHint hasConsumerSecret connectedAt updatedAt scopes
  org { id instanceUrl name isSandbox } user { id username displayName } error { code message } }`;
/** The operations the adapter sends; in a GraphQL project they often live in .graphql files. */
export const DOCUMENTS = {
  connection: `{ salesforceConnection ${CONNECTION} }`,
  save: `mutation ($input: SalesforceCredentialsInput!) { saveSalesforceCredentials(input: $input) ${CONNECTION} }`,
  start: `mutation ($returnOrigin: String!) { startSalesforceAuthorization(returnOrigin: $returnOrigin) { authorizeUrl state expiresAt } }`,
  complete: `mutation ($code: String!, $state: String!) { completeSalesforceAuthorization(code: $code, state: $state) ${CONNECTION} }`,
  disconnect: `mutation { disconnectSalesforce ${CONNECTION} }`,
};
