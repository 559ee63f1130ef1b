export {
  type ClientCredentialsLoginUrlMessages,
  type ClientCredentialsLoginUrlOptions,
  checkClientCredentialsLoginUrl,
  clientCredentialsLoginUrlMessages,
  isGenericLoginHost,
} from './client-credentials-login-url.js';
export {
  type ConnectActionAndChanges,
  type ConnectEvent,
  type ConnectEventType,
  type ConnectPhase,
  type ConnectPopupState,
  type ConnectState,
  type ConnectStateReducer,
  type ConnectStore,
  type ConnectStoreOptions,
  connectReducer,
  createConnectStore,
  initialConnectState,
} from './connect-machine.js';
export { parseConnectionName } from './connection-name.js';
export {
  assertConnectionAllowed,
  type ConnectionPolicy,
  connectionLimitError,
  duplicateOrgError,
  type ResolvedConnectionPolicy,
  resolveConnectionPolicy,
} from './connection-policy.js';
export {
  type CredentialField,
  type CredentialsErrorKey,
  type CredentialsMessages,
  type CredentialsSchema,
  type CredentialsSchemaOptions,
  type CredentialWarning,
  type CredentialWarningCode,
  cleanCredentialValue,
  createCredentialsSchema,
  credentialsMessages,
  type InspectCredentialsOptions,
  inspectCredentials,
} from './credentials.js';
export {
  type ErrorActor,
  type ErrorCatalogue,
  type ErrorCatalogueEntry,
  type ErrorExplanation,
  type ExplainErrorOptions,
  type ExplanationValueName,
  type ExplanationValues,
  errorActor,
  errorCatalogueEn,
  explainError,
} from './error-catalogue.js';
export {
  CONNECT_ERROR_CODES,
  ConnectError,
  type ConnectErrorCode,
  type ConnectErrorJSON,
  type ConnectErrorOptions,
  isAbortError,
  isConnectErrorCode,
  throwIfAborted,
  toConnectError,
} from './errors.js';
export { GUIDE_STEP_IDS, type GuideStepId } from './guide-step-ids.js';
export {
  fillMessage,
  type LoginUrlErrorCode,
  type LoginUrlFailure,
  type LoginUrlKind,
  type LoginUrlMessages,
  type LoginUrlNote,
  type LoginUrlNoteCode,
  type LoginUrlResult,
  type LoginUrlSuccess,
  loginUrlMessages,
  type NormalizeLoginUrlOptions,
  normalizeLoginUrl,
  removeInvisibleCharacters,
} from './login-url.js';
export {
  type AuthorizeUrlInput,
  buildAuthorizeUrl,
  type CallbackResult,
  createPkceChallenge,
  createPkcePair,
  createState,
  type OAuthCryptoEnvironment,
  type OAuthDisplay,
  type OAuthPrompt,
  type PkcePair,
  parseCallbackUrl,
  redirectOriginOf,
} from './oauth.js';
export {
  createOAuthPopupMessage,
  isOAuthPopupMessage,
  type OAuthPopupMessage,
  resultChannelName,
} from './popup-protocol.js';
export {
  createPopupSession,
  type IgnoredMessageReason,
  type PopupEnvironment,
  type PopupHandle,
  type PopupHost,
  type PopupMessageEvent,
  type PopupOpenResult,
  type PopupOutcome,
  type PopupResultChannel,
  type PopupSession,
  type PopupSessionEvent,
  type PopupSessionOptions,
  type PopupSessionStatus,
  type ResultChannel,
} from './popup-session.js';
export {
  DEFAULT_POPUP_SIZE,
  POPUP_WINDOW_NAME,
  type PopupPlacement,
  type PopupPlacementHost,
  placePopup,
  popupFeatures,
} from './popup-window.js';
export {
  type FromSalesforceErrorOptions,
  fromSalesforceError,
  type ParsedSalesforceError,
  parseSalesforceErrorText,
  type SalesforceApiError,
  type SalesforceErrorBody,
} from './salesforce-errors.js';
export {
  grantsRefreshToken,
  OAUTH_SCOPES,
  type OAuthScopeInfo,
  scopeLabel,
  scopeLabelsFor,
} from './scopes.js';
export { keyHint, maskSecret } from './secret-display.js';
export {
  type AuthorizationStart,
  CONNECTION_NAME_MAX_LENGTH,
  type Connection,
  type ConnectionFieldValue,
  type ConnectionFieldValues,
  type ConnectionFlow,
  type ConnectionStatus,
  type CredentialsInput,
  DEFAULT_CONNECTION_ID,
  isConnectionId,
  type OrgChange,
  type OrgChangeChoice,
  type SetupInfo,
} from './types.js';
