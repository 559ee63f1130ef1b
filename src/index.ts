// salesforce-connect: React components and hooks. The build marks this entry 'use client'.

// Components
export {
  ConnectButton,
  type ConnectButtonFlow,
  type ConnectButtonProps,
} from './components/ConnectButton.js';
export {
  ConnectDialog,
  type ConnectDialogFlow,
  type ConnectDialogProps,
  type ConnectDialogView,
} from './components/ConnectDialog.js';
export {
  ConnectionStatus,
  type ConnectionStatusProps,
  type ConnectionStatusState,
} from './components/ConnectionStatus.js';
export { CopyField, type CopyFieldProps } from './components/CopyField.js';
export { CredentialsForm, type CredentialsFormProps } from './components/CredentialsForm.js';
export {
  ErrorExplanation,
  type ErrorExplanationProps,
  type ExplainableError,
} from './components/ErrorExplanation.js';
export {
  preloadSalesforceConnect,
  SalesforceConnect,
  type SalesforceConnectProps,
  type SalesforceConnectView,
} from './components/SalesforceConnect.js';
export { SetupGuide, type SetupGuideProps } from './components/SetupGuide.js';
export type { SetupGuide as SetupGuideModel } from './core/guide/index.js';
export {
  buildSetupGuide,
  createGuideProgress,
  defaultGuideConfig,
  type GuideBlock,
  type GuideConfig,
  type GuideMessages,
  type GuideStep,
  type GuideVariant,
  guideMessagesDe,
  guideMessagesEn,
  guideToMarkdown,
  presets,
} from './core/guide/index.js';
// The framework-free layers, re-exported for apps that import everything from one place.
export * from './core/index.js';
export { clientCredentialsLoginUrlMessagesDe, errorCatalogueDe } from './core/locales/de.js';
// Hooks
export {
  type ConnectionEnvironment,
  type UseConnectionOptions,
  type UseConnectionResult,
  useConnection,
} from './hooks/useConnection.js';
export {
  type CredentialFieldIds,
  type CredentialFieldProps,
  type CredentialFieldPropsInput,
  type CredentialsFormStatus,
  type CredentialsSecretState,
  type CredentialsServerErrorInfo,
  type LoginUrlInfo,
  type UseCredentialsFormOptions,
  type UseCredentialsFormReturn,
  useCredentialsForm,
} from './hooks/useCredentialsForm.js';
export {
  type ConnectEnvironment,
  type ConnectExitReason,
  type ConnectPopupOptions,
  type SalesforceConnectEvent,
  type UseSalesforceConnectOptions,
  type UseSalesforceConnectResult,
  useSalesforceConnect,
} from './hooks/useSalesforceConnect.js';
export {
  type UseSetupGuideOptions,
  type UseSetupGuideReturn,
  useSetupGuide,
} from './hooks/useSetupGuide.js';
// Messages (i18n)
export {
  type ConnectButtonMessages,
  connectButtonMessagesDe,
  connectButtonMessagesEn,
} from './messages/connect.js';
export {
  type MessageOverrides,
  SalesforceConnectMessagesProvider,
} from './messages/context.js';
export {
  type CopyFieldMessages,
  copyFieldMessagesDe,
  copyFieldMessagesEn,
} from './messages/copyField.js';
export {
  type CredentialsFormMessages,
  credentialsFormMessagesDe,
  credentialsFormMessagesEn,
} from './messages/credentialsForm.js';
export {
  type ConnectDialogMessages,
  connectDialogMessagesDe,
  connectDialogMessagesEn,
} from './messages/dialog.js';
export {
  type ErrorExplanationMessages,
  errorExplanationMessagesDe,
  errorExplanationMessagesEn,
} from './messages/errorExplanation.js';
export {
  localeDe,
  localeEn,
  type SalesforceConnectLocale,
  type SalesforceConnectLocaleOverrides,
} from './messages/locales.js';
export {
  type SalesforceConnectMessages,
  salesforceConnectMessagesDe,
  salesforceConnectMessagesEn,
} from './messages/salesforceConnect.js';
export {
  type SetupGuideMessages,
  setupGuideMessagesDe,
  setupGuideMessagesEn,
} from './messages/setupGuide.js';
export {
  type ConnectionStatusMessages,
  connectionStatusMessagesDe,
  connectionStatusMessagesEn,
} from './messages/status.js';
