import type { GuideStepId } from '../../core/guide-step-ids.js';
import type { Connection, ConnectionFlow } from '../../core/types.js';
import { CredentialsForm, type CredentialsFormProps } from '../CredentialsForm.js';
import { SetupGuide, type SetupGuideProps } from '../SetupGuide.js';
import { kitClasses } from './parts.js';

/** What `SalesforceConnect` hands its setup section. */
export interface SetupDetailsProps {
  /** The backend's setup info is still awaited: the guide waits rather than flash "no callback URL". */
  setupPending: boolean;
  headingLevel: 2 | 3;
  setup: Partial<SetupGuideProps> | undefined;
  appName: string;
  vendorName: string;
  callbackUrls: readonly string[];
  scopes: SetupGuideProps['scopes'] | undefined;
  connection: Connection | undefined;
  stepId: GuideStepId | undefined;
  onStepChange: (stepId: GuideStepId) => void;
  credentials:
    | Partial<Omit<CredentialsFormProps, 'adapter' | 'connection' | 'onSaved'>>
    | undefined;
  /** The form's login URL options, the backend's allowed hosts merged in. */
  loginUrlOptions: CredentialsFormProps['loginUrlOptions'];
  onUnsavedChange: (details: { unsaved: boolean }) => void;
  formAdapter: CredentialsFormProps['adapter'];
  onSaved: () => void;
  onGoToStep: (details: { stepId: GuideStepId }) => void;
  /** How Connect reaches Salesforce: the guide and the form follow it. */
  flow: ConnectionFlow | undefined;
  unstyled: boolean | undefined;
}

/**
 * The setup guide and the credentials form of `SalesforceConnect`, in a module of their own: the
 * form brings react-hook-form and zod, the guide its content, and a page showing a connected org
 * loads neither until the admin unfolds them (or the browser is idle).
 */
export function SetupDetails({
  setupPending,
  headingLevel,
  setup,
  appName,
  vendorName,
  callbackUrls,
  scopes,
  connection,
  stepId,
  onStepChange,
  credentials,
  loginUrlOptions,
  onUnsavedChange,
  formAdapter,
  onSaved,
  onGoToStep,
  flow,
  unstyled,
}: SetupDetailsProps) {
  const cls = kitClasses(unstyled);
  return (
    <div className={cls('sfc-salesforce-connect-setup')} data-sfc-part="setup">
      {setupPending ? null : (
        <SetupGuide
          headingLevel={headingLevel}
          {...(flow ? { flow } : {})}
          {...setup}
          appName={appName}
          vendorName={vendorName}
          callbackUrls={callbackUrls}
          {...(scopes ? { scopes } : {})}
          {...(connection?.loginUrl && !setup?.loginUrl ? { loginUrl: connection.loginUrl } : {})}
          currentStepId={stepId ?? setup?.currentStepId}
          onCurrentStepChange={(details) => {
            onStepChange(details.stepId);
            setup?.onCurrentStepChange?.(details);
          }}
          unstyled={unstyled}
        />
      )}
      <CredentialsForm
        {...(flow ? { flow } : {})}
        {...credentials}
        loginUrlOptions={loginUrlOptions}
        adapter={formAdapter}
        connection={connection}
        onSaved={onSaved}
        onUnsavedChange={onUnsavedChange}
        onShowGuideStep={({ stepId: id, event }) => {
          event.preventDefault();
          onGoToStep({ stepId: id });
        }}
        unstyled={unstyled}
      />
    </div>
  );
}
