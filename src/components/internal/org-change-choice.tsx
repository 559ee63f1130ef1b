import { type RefObject, useEffect, useId, useState } from 'react';
import { fillMessage } from '../../core/fill-message.js';
import type { OrgChangeChoice as Choice, Connection } from '../../core/types.js';
import type { SalesforceConnectMessages } from '../../messages/salesforceConnect.js';

// As in ConnectionStatus: enough of the id to tell two orgs of one name apart.
const ORG_ID_ENDING_LENGTH = 6;

function orgText(
  text: SalesforceConnectMessages,
  org: { id: string; name?: string | undefined; instanceUrl: string },
) {
  return fillMessage(text.orgChangeOrg, {
    name: org.name ?? new URL(org.instanceUrl).hostname,
    ending: org.id.slice(-ORG_ID_ENDING_LENGTH),
  });
}

/**
 * The choice after a reconnect landed in another org (`Connection.orgChange`): keep the new org
 * or go back. Focus moves to its heading when it appears, so a keyboard or screen-reader user
 * lands on the question; what happens is announced in its live region.
 */
export function OrgChangeChoice({
  connection,
  onChoose,
  text,
  cls,
  headingLevel,
  focusOnShow,
  headingRef,
}: {
  connection: Connection & { orgChange: NonNullable<Connection['orgChange']> };
  onChoose: (choice: Choice) => Promise<void>;
  text: SalesforceConnectMessages;
  cls: (name: string) => string | undefined;
  headingLevel: 2 | 3;
  /** Move focus to the question when it appears (it followed the person's own sign-in). */
  focusOnShow: boolean;
  /** The question's heading: where focus goes when the dialog closes for the choice. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const titleId = useId();
  const explanationId = useId();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (focusOnShow) headingRef.current?.focus();
  }, [focusOnShow, headingRef]);

  const choose = async (choice: Choice) => {
    if (saving) return;
    setSaving(true);
    setFailure(undefined);
    try {
      await onChoose(choice);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const previous = connection.org;
  return (
    <section
      className={cls('sfc-org-change')}
      data-sfc-part="org-change"
      aria-labelledby={titleId}
      aria-describedby={explanationId}
      aria-busy={saving || undefined}
    >
      <Heading id={titleId} ref={headingRef} tabIndex={-1} className={cls('sfc-heading')}>
        {text.orgChangeTitle}
      </Heading>
      <p id={explanationId} className={cls('sfc-description')}>
        {fillMessage(text.orgChangeExplanation, {
          newOrg: orgText(text, connection.orgChange.org),
          previousOrg: previous ? orgText(text, previous) : undefined,
        })}
      </p>
      <div className={cls('sfc-org-change-actions')} data-sfc-part="org-change-actions">
        <button
          type="button"
          className={cls('sfc-button')}
          data-sfc-part="org-change-keep-new"
          aria-disabled={saving || undefined}
          onClick={() => void choose('keep_new')}
        >
          {text.orgChangeKeepNew}
        </button>
        <button
          type="button"
          className={cls('sfc-button')}
          data-variant="secondary"
          data-sfc-part="org-change-go-back"
          aria-disabled={saving || undefined}
          onClick={() => void choose('keep_previous')}
        >
          {text.orgChangeGoBack}
        </button>
      </div>
      <p role="status" className={cls('sfc-description')} data-sfc-part="org-change-progress">
        {saving ? text.orgChangeSaving : ''}
      </p>
      {failure ? (
        <p role="alert" className={cls('sfc-notice')} data-tone="danger">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
