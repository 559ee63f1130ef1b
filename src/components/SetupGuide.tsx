import { type CSSProperties, type ElementType, useEffect, useId, useRef, useState } from 'react';
import { fillMessage } from '../core/fill-message.js';
import type { GuideVariant } from '../core/guide/model.js';
import type { GuideStepId } from '../core/guide-step-ids.js';
import { type UseSetupGuideOptions, useSetupGuide } from '../hooks/useSetupGuide.js';
import { useLatest } from '../react/use-latest.js';
import { GuideBlockView, type GuideRenderContext, GuideText } from './guide/GuideBlocks.js';
import { kitClasses, partClassName } from './internal/parts.js';

/**
 * Props of {@link SetupGuide}: the guide's configuration and state options (see
 * `UseSetupGuideOptions`; spread a preset into them) plus presentation.
 *
 * @example
 * const props: SetupGuideProps = {
 *   appName: 'Acme Sync',
 *   vendorName: 'Acme',
 *   callbackUrls: ['https://app.acme.com/oauth/callback'],
 *   headingLevel: 3,
 * };
 */
export interface SetupGuideProps extends UseSetupGuideOptions {
  /** Level of the guide's title; steps and troubleshooting sit one level below. Default 2. */
  headingLevel?: 2 | 3 | 4 | undefined;
  /** Hide the switch between External Client App and Connected App instructions. */
  hideVariantSwitch?: boolean | undefined;
  id?: string | undefined;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  /** Drop the kit's class names (data attributes stay for your own styling). */
  unstyled?: boolean | undefined;
  /** `data-*` attributes go on the root element, e.g. `data-theme="dark"`. */
  [attribute: `data-${string}`]: string | undefined;
}

const stepAnchor = /^#sfc-step-([a-z-]+)$/;

/**
 * The admin's setup guide: numbered steps to create the Salesforce app, each collapsible, with
 * Setup's exact labels, values to copy, deep links into the admin's org, notes and a "Done"
 * checkbox remembered in this browser; progress, a switch to Connected App instructions (Lightning
 * or Classic), a troubleshooting section, and "copy for your admin" / download as Markdown. Links
 * to `#sfc-step-<id>` (as `ErrorExplanation` and `CredentialsForm` make) open and focus that step.
 * Prints whole, expanded, without buttons. Built on {@link useSetupGuide}.
 *
 * @example
 * <SetupGuide
 *   {...presets.externalClientAppWithoutPkce}
 *   appName="Acme Sync"
 *   vendorName="Acme"
 *   callbackUrls={['https://app.acme.com/oauth/callback']}
 *   loginUrl={connection?.loginUrl}
 * />
 */
export function SetupGuide(props: SetupGuideProps) {
  const { headingLevel = 2, hideVariantSwitch, unstyled, className, id, style, ...options } = props;
  const { currentStepId: currentProp, onCurrentStepChange, environment } = options;
  const dataAttributes = Object.fromEntries(
    Object.entries(options).filter(([key]) => key.startsWith('data-')),
  );
  // The step the hook last reported as chosen by this component: a controlled `currentStepId`
  // that differs came from outside (e.g. an error's "show me" link) and gets the focus.
  const reported = useRef<GuideStepId | undefined>(undefined);
  const state = useSetupGuide({
    ...options,
    onCurrentStepChange: (details) => {
      reported.current = details.stepId;
      onCurrentStepChange?.(details);
    },
  });
  const { guide, steps, progress, currentStepId, messages: text } = state;
  const baseId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const [overrides, setOverrides] = useState<Partial<Record<GuideStepId, boolean>>>({});
  const [troubleOpen, setTroubleOpen] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [focusRequest, setFocusRequest] = useState<{ id: GuideStepId }>();
  const cls = kitClasses(unstyled);

  const goToStep = (id: GuideStepId) => {
    if (!steps.some((step) => step.id === id)) return;
    state.setCurrentStepId(id);
    setOverrides((open) => ({ ...open, [id]: true }));
    setFocusRequest({ id });
  };
  const goToStepRef = useLatest(goToStep);

  // `#sfc-step-<id>` in the address (a link followed, or the page opened with it) opens that step.
  const win = environment?.window;
  useEffect(() => {
    const target = win ?? window;
    const fromHash = () => {
      const id = stepAnchor.exec(target.location.hash)?.[1];
      if (id) goToStepRef.current(id as GuideStepId);
    };
    fromHash();
    target.addEventListener('hashchange', fromHash);
    return () => target.removeEventListener('hashchange', fromHash);
  }, [win, goToStepRef]);

  const previousProp = useRef(currentProp);
  useEffect(() => {
    if (currentProp && currentProp !== previousProp.current && currentProp !== reported.current) {
      setOverrides((open) => ({ ...open, [currentProp]: true }));
      setFocusRequest({ id: currentProp });
    }
    previousProp.current = currentProp;
  }, [currentProp]);

  useEffect(() => {
    if (!focusRequest) return;
    rootRef.current
      ?.querySelector<HTMLElement>(`#sfc-step-${focusRequest.id} [data-sfc-part="step-toggle"]`)
      ?.focus();
  }, [focusRequest]);

  const Heading = `h${headingLevel}` as ElementType;
  const StepHeading = `h${headingLevel + 1}` as ElementType;
  const ItemHeading = `h${headingLevel + 2}` as ElementType;
  const root = partClassName('sfc-scope sfc-setup-guide', { unstyled, className });

  if (!guide) {
    return (
      <section
        id={id}
        style={style}
        className={root}
        data-sfc-part="setup-guide"
        data-state="invalid"
      >
        {/* Not an alert: a page that is still loading its callback URLs passes none for a moment. */}
        <p className={cls('sfc-notice')} data-tone="danger" data-sfc-part="guide-invalid">
          {fillMessage(text.invalidConfig, { message: state.error?.message })}
        </p>
      </section>
    );
  }

  const context: GuideRenderContext = { cls, unstyled, terms: guide.terms, text };
  const titleId = `${baseId}-title`;
  const total = steps.length;
  const progressText = fillMessage(text.progress, { done: state.doneCount, total });
  const connectedApp = state.variant !== 'external-client-app';
  const variantName = `${baseId}-experience`;

  async function copyForAdmin() {
    const ok = await state.copy(state.toMarkdown());
    setCopyState(ok ? 'copied' : 'failed');
  }

  return (
    <section
      {...dataAttributes}
      id={id}
      style={style}
      ref={rootRef}
      className={root}
      data-sfc-part="setup-guide"
      data-variant={state.variant}
      data-state={state.doneCount === total ? 'complete' : 'in-progress'}
      aria-labelledby={titleId}
    >
      <div className={cls('sfc-guide-header')} data-sfc-part="guide-header">
        <Heading id={titleId} className={cls('sfc-guide-title')}>
          {guide.title}
        </Heading>
        <p>
          <GuideText text={guide.intro} cls={cls} />
        </p>
        <div className={cls('sfc-guide-progress')} data-sfc-part="guide-progress">
          <span role="status">{progressText}</span>
          <progress
            value={state.doneCount}
            max={total}
            aria-label={text.progressLabel}
            aria-valuetext={progressText}
          />
        </div>
        {hideVariantSwitch ? null : (
          <fieldset
            className={cls('sfc-guide-variant')}
            data-sfc-part="variant-switch"
            data-print="hide"
          >
            <legend className={cls('sfc-label')}>{text.appTypeLegend}</legend>
            <label className={cls('sfc-guide-choice')}>
              <input
                type="checkbox"
                checked={connectedApp}
                onChange={(event) =>
                  state.setVariant(
                    event.currentTarget.checked ? 'connected-app-lightning' : 'external-client-app',
                  )
                }
              />
              {text.noExternalClientApps}
            </label>
            {connectedApp ? (
              <fieldset className={cls('sfc-guide-experience')}>
                <legend>{text.setupExperience}</legend>
                {(
                  [
                    ['connected-app-lightning', text.lightning],
                    ['connected-app-classic', text.classic],
                  ] as const satisfies ReadonlyArray<readonly [GuideVariant, string]>
                ).map(([value, label]) => (
                  <label key={value} className={cls('sfc-guide-choice')}>
                    <input
                      type="radio"
                      name={variantName}
                      value={value}
                      checked={state.variant === value}
                      onChange={() => state.setVariant(value)}
                    />
                    {label}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </fieldset>
        )}
        <div className={cls('sfc-guide-actions')} data-sfc-part="guide-actions" data-print="hide">
          <button
            type="button"
            className={cls('sfc-button')}
            data-variant="secondary"
            onClick={copyForAdmin}
          >
            {text.copyForAdmin}
          </button>
          <button
            type="button"
            className={cls('sfc-button')}
            data-variant="secondary"
            onClick={state.download}
          >
            {text.download}
          </button>
          <p role="status" className={cls('sfc-guide-copy-status')} data-state={copyState}>
            {copyState === 'copied'
              ? text.copiedForAdmin
              : copyState === 'failed'
                ? text.copyForAdminFailed
                : ''}
          </p>
        </div>
      </div>

      <ol className={cls('sfc-guide-steps')} data-sfc-part="guide-steps">
        {steps.map((step, index) => {
          const done = progress[step.id];
          const current = step.id === currentStepId;
          const open = overrides[step.id] ?? current;
          const toggleId = `${baseId}-${step.id}-toggle`;
          const bodyId = `${baseId}-${step.id}-body`;
          return (
            <li
              key={step.id}
              id={`sfc-step-${step.id}`}
              className={cls('sfc-guide-step')}
              data-sfc-part="step"
              data-step-id={step.id}
              data-state={done ? 'done' : current ? 'current' : 'todo'}
              aria-current={current ? 'step' : undefined}
            >
              <StepHeading className={cls('sfc-guide-step-heading')}>
                <button
                  type="button"
                  id={toggleId}
                  className={cls('sfc-guide-step-toggle')}
                  data-sfc-part="step-toggle"
                  aria-expanded={open}
                  aria-controls={bodyId}
                  onClick={() => setOverrides((all) => ({ ...all, [step.id]: !open }))}
                >
                  <span className={cls('sfc-guide-step-number')} aria-hidden="true">
                    {index + 1}
                  </span>
                  <span id={`${toggleId}-title`} className={cls('sfc-guide-step-title')}>
                    {step.title}
                  </span>
                  {step.optional ? (
                    <span className={cls('sfc-guide-badge')}>{text.optional}</span>
                  ) : null}
                  {done ? (
                    <span className={cls('sfc-guide-badge')} data-tone="success">
                      {text.stepDone}
                    </span>
                  ) : null}
                </button>
              </StepHeading>
              <div
                id={bodyId}
                className={cls('sfc-guide-step-body')}
                data-sfc-part="step-body"
                hidden={!open}
              >
                {step.summary ? <p>{step.summary}</p> : null}
                {step.blocks.map((block, blockIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a step's blocks never reorder.
                  <GuideBlockView key={blockIndex} block={block} context={context} />
                ))}
                <label
                  className={cls('sfc-guide-done')}
                  data-sfc-part="step-done"
                  data-print="hide"
                >
                  <input
                    type="checkbox"
                    checked={done}
                    aria-describedby={`${toggleId}-title`}
                    onChange={(event) => {
                      // The step stays open while the focus is in it, even once it is no
                      // longer the current one.
                      setOverrides((all) => ({ ...all, [step.id]: true }));
                      state.toggleStep(step.id, event.currentTarget.checked);
                    }}
                  />
                  {text.markDone}
                </label>
              </div>
            </li>
          );
        })}
      </ol>

      {guide.troubleshooting.length > 0 ? (
        <section
          className={cls('sfc-guide-troubleshooting')}
          data-sfc-part="troubleshooting"
          aria-labelledby={`${baseId}-trouble-toggle`}
        >
          <StepHeading className={cls('sfc-guide-step-heading')}>
            <button
              type="button"
              id={`${baseId}-trouble-toggle`}
              className={cls('sfc-guide-step-toggle')}
              data-sfc-part="troubleshooting-toggle"
              aria-expanded={troubleOpen}
              aria-controls={`${baseId}-trouble`}
              onClick={() => setTroubleOpen(!troubleOpen)}
            >
              {guide.terms.troubleshooting}
            </button>
          </StepHeading>
          <div
            id={`${baseId}-trouble`}
            className={cls('sfc-guide-step-body')}
            data-sfc-part="troubleshooting-body"
            hidden={!troubleOpen}
          >
            {guide.troubleshooting.map((item) => {
              const stepIndex = steps.findIndex((step) => step.id === item.stepId);
              const target = steps[stepIndex];
              return (
                <div key={item.code} className={cls('sfc-guide-trouble')} data-code={item.code}>
                  <ItemHeading>{item.title}</ItemHeading>
                  <p>{item.cause}</p>
                  <ul>
                    {item.fixes.map((fix) => (
                      <li key={fix}>{fix}</li>
                    ))}
                  </ul>
                  {target ? (
                    <p>
                      <a
                        href={`#sfc-step-${target.id}`}
                        data-sfc-part="step-link"
                        onClick={() => goToStep(target.id)}
                      >
                        {fillMessage(guide.terms.stepRef, {
                          number: stepIndex + 1,
                          title: target.title,
                        })}
                      </a>
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        </section>
      ) : null}
    </section>
  );
}
