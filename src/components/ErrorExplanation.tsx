import { type ComponentPropsWithoutRef, type ElementType, useId, useMemo, useState } from 'react';
import {
  type ErrorCatalogue,
  type ErrorExplanation as Explained,
  type ExplanationValues,
  errorCatalogueEn,
  explainError,
} from '../core/error-catalogue.js';
import type { ConnectErrorCode } from '../core/errors.js';
import { fillMessage } from '../core/fill-message.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import { parseSalesforceErrorText } from '../core/salesforce-errors.js';
import { useMessages } from '../messages/context.js';
import {
  type ErrorExplanationMessages,
  errorExplanationMessagesEn,
} from '../messages/errorExplanation.js';
import { copyText } from '../react/copy-text.js';
import { kitClasses, partClassName } from './internal/parts.js';

/**
 * What `ErrorExplanation` can explain: a `ConnectError`, its JSON form (`Connection.error`), or a
 * bare code.
 *
 * @example
 * const explained: ExplainableError = connection.error ?? 'unknown';
 */
export type ExplainableError =
  | ConnectErrorCode
  | { code: ConnectErrorCode; salesforceDescription?: string | undefined };

/**
 * Props of {@link ErrorExplanation}.
 *
 * @example
 * const props: ErrorExplanationProps = { error: 'redirect_uri_mismatch', values: { callbackUrl } };
 */
export interface ErrorExplanationProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  error: ExplainableError;
  /** Values that make the fixes concrete: the exact callback URL, login URL, app name. */
  values?: ExplanationValues | undefined;
  /** Shows a "Try again" button (only for errors where trying again can help). */
  onRetry?: (() => void) | undefined;
  /** Replaces the "Try again" wording, e.g. "Open Salesforce" after the window was closed. */
  retryLabel?: string | undefined;
  /**
   * Called by the link to the guide step where the fix is made. Without it the link is a plain
   * `#sfc-step-<id>` anchor.
   */
  onGoToStep?: ((details: { stepId: GuideStepId }) => void) | undefined;
  /** Title, cause and guide link only: no fixes, no retry, no paste box (a compact status line). */
  summary?: boolean | undefined;
  /** Offers the "paste Salesforce's error page" box; default true. */
  pasteHelp?: boolean | undefined;
  /** Level of the title heading; default 3. */
  headingLevel?: 2 | 3 | 4 | 5 | undefined;
  /** The explanations' language; default the `errors` message group, else English. */
  catalogue?: Partial<ErrorCatalogue> | undefined;
  unstyled?: boolean | undefined;
  messages?: Partial<ErrorExplanationMessages> | undefined;
}

type Level = 2 | 3 | 4 | 5 | 6;
const heading = (level: Level) => `h${level}` as ElementType;

interface ExplanationBodyProps {
  code: ConnectErrorCode;
  description: string | undefined;
  catalogue: ErrorCatalogue;
  values: ExplanationValues | undefined;
  level: Level;
  text: ErrorExplanationMessages;
  cls: (name: string) => string | undefined;
  summary: boolean;
  onGoToStep: ErrorExplanationProps['onGoToStep'];
  retry?: { label: string; onRetry: () => void } | undefined;
}

/**
 * The explanation as plain text for the Salesforce admin: what went wrong, what Salesforce said,
 * who acts, and the numbered fixes, with the code for support.
 */
function adminInstructions(
  help: Explained,
  description: string | undefined,
  text: ErrorExplanationMessages,
): string {
  return [
    help.title,
    '',
    help.cause,
    ...(description ? [fillMessage(text.salesforceSaid, { description })] : []),
    '',
    help.whoActs,
    `${text.fixesHeading}:`,
    ...help.fixes.map((fix, index) => `${index + 1}. ${fix}`),
    '',
    fillMessage(text.adminInstructionsCode, { code: help.code }),
  ].join('\n');
}

/** "Copy instructions for your Salesforce admin", with a live confirmation. */
function AdminHandOff({
  instructions,
  text,
  cls,
}: {
  instructions: string;
  text: ErrorExplanationMessages;
  cls: (name: string) => string | undefined;
}) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className={cls('sfc-error-handoff')} data-sfc-part="error-admin-handoff">
      <button
        type="button"
        className={cls('sfc-button')}
        data-variant="secondary"
        data-sfc-part="error-copy-for-admin"
        onClick={async () => setCopied((await copyText(instructions)) ? 'copied' : 'failed')}
      >
        {text.copyForAdmin}
      </button>
      <span role="status" className={cls('sfc-description')} data-sfc-part="error-copy-status">
        {copied === 'copied'
          ? text.copiedForAdmin
          : copied === 'failed'
            ? text.copyForAdminFailed
            : ''}
      </span>
    </div>
  );
}

function ExplanationBody({
  code,
  description,
  catalogue,
  values,
  level,
  text,
  cls,
  summary,
  onGoToStep,
  retry,
}: ExplanationBodyProps) {
  const help = explainError(code, { catalogue, values });
  const Title = heading(level);
  const stepId = help.guideStepId;
  const showRetry = retry && help.retryable && !summary;
  return (
    <>
      <Title className={cls('sfc-error-title')} data-sfc-part="error-title">
        {help.title}
      </Title>
      <p className={cls('sfc-error-cause')} data-sfc-part="error-cause">
        {help.cause}
      </p>
      {description ? (
        <p className={cls('sfc-error-salesforce')} data-sfc-part="error-salesforce-said">
          {fillMessage(text.salesforceSaid, { description })}
        </p>
      ) : null}
      <p
        className={cls('sfc-error-who-acts')}
        data-sfc-part="error-who-acts"
        data-actor={help.actor}
      >
        {help.whoActs}
      </p>
      {summary ? null : (
        <ol
          className={cls('sfc-error-fixes')}
          data-sfc-part="error-fixes"
          aria-label={text.fixesHeading}
        >
          {help.fixes.map((fix) => (
            <li key={fix}>{fix}</li>
          ))}
        </ol>
      )}
      {!summary && help.actor === 'salesforce-admin' ? (
        <AdminHandOff
          instructions={adminInstructions(help, description, text)}
          text={text}
          cls={cls}
        />
      ) : null}
      {showRetry || stepId ? (
        <div className={cls('sfc-error-actions')} data-sfc-part="error-actions">
          {showRetry ? (
            <button
              type="button"
              className={cls('sfc-button')}
              data-sfc-part="error-retry"
              onClick={retry.onRetry}
            >
              {retry.label}
            </button>
          ) : null}
          {stepId ? (
            <a
              href={`#sfc-step-${stepId}`}
              className={cls('sfc-button')}
              data-variant="link"
              data-sfc-part="error-guide-link"
              onClick={
                onGoToStep
                  ? (event) => {
                      event.preventDefault();
                      onGoToStep({ stepId });
                    }
                  : undefined
              }
            >
              {text.goToStep}
            </a>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * Explains an error to the Salesforce admin: what went wrong, why, who must act (the person
 * connecting or the Salesforce admin), numbered fixes, a "Copy instructions for your Salesforce
 * admin" button when the fix is the admin's, a link to the setup guide step where the fix is
 * made, "Try again" when that can help, and a box where the
 * admin pastes Salesforce's own error page (which the kit cannot read: it is another origin) to
 * have it explained too.
 *
 * @example
 * <ErrorExplanation
 *   error={error}
 *   values={{ callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback' }}
 *   onRetry={retry}
 *   onGoToStep={({ stepId }) => setGuideStep(stepId)}
 * />
 */
export function ErrorExplanation({
  error,
  values,
  onRetry,
  retryLabel,
  onGoToStep,
  summary = false,
  pasteHelp = true,
  headingLevel = 3,
  catalogue: ownCatalogue,
  unstyled,
  messages,
  className,
  ...rest
}: ErrorExplanationProps) {
  const text = useMessages('errorExplanation', errorExplanationMessagesEn, messages);
  const catalogue = useMessages('errors', errorCatalogueEn, ownCatalogue);
  const cls = kitClasses(unstyled);
  const code = typeof error === 'string' ? error : error.code;
  const description = typeof error === 'string' ? undefined : error.salesforceDescription;

  const pasteId = useId();
  const [pasted, setPasted] = useState('');
  const parsed = useMemo(
    () => (pasted.trim() ? parseSalesforceErrorText(pasted) : undefined),
    [pasted],
  );

  const body = {
    catalogue,
    values,
    text,
    cls,
    onGoToStep,
  };
  return (
    <div
      {...rest}
      className={partClassName('sfc-scope sfc-error', { unstyled, className })}
      data-sfc-part="error-explanation"
      data-state={code}
    >
      <ExplanationBody
        {...body}
        code={code}
        description={description}
        level={headingLevel}
        summary={summary}
        retry={onRetry ? { label: retryLabel ?? text.tryAgain, onRetry } : undefined}
      />
      {pasteHelp && !summary ? (
        <details className={cls('sfc-error-paste')} data-sfc-part="error-paste">
          <summary>{text.pasteSummary}</summary>
          <div className={cls('sfc-field')}>
            <label htmlFor={pasteId} className={cls('sfc-label')}>
              {text.pasteLabel}
            </label>
            <textarea
              id={pasteId}
              className={cls('sfc-input')}
              data-sfc-part="error-paste-input"
              aria-describedby={`${pasteId}-hint`}
              rows={3}
              spellCheck={false}
              value={pasted}
              onChange={(event) => setPasted(event.currentTarget.value)}
            />
            <p id={`${pasteId}-hint`} className={cls('sfc-description')}>
              {text.pasteHint}
            </p>
          </div>
          <div
            aria-live="polite"
            className={cls('sfc-error-pasted')}
            data-sfc-part="error-pasted"
            data-state={parsed === undefined ? 'empty' : parsed ? 'recognised' : 'unrecognised'}
          >
            {parsed ? (
              <ExplanationBody
                {...body}
                code={parsed.code}
                description={parsed.description}
                level={Math.min(headingLevel + 1, 6) as Level}
                summary={false}
              />
            ) : parsed === null ? (
              <>
                <p className={cls('sfc-field-error')}>{text.notRecognised}</p>
                <p className={cls('sfc-description')}>{text.notRecognisedHint}</p>
              </>
            ) : null}
          </div>
        </details>
      ) : null}
    </div>
  );
}
