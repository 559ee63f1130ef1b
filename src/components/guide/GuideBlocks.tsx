import { fillMessage } from '../../core/fill-message.js';
import type { GuideBlock, GuideTerms, RichText } from '../../core/guide/model.js';
import type { SetupGuideMessages } from '../../messages/setupGuide.js';
import { CopyField } from '../CopyField.js';

/**
 * How the guide's parts render: class names on or off, and the words around the content.
 *
 * @example
 * const context: GuideRenderContext = { cls: (name) => name, unstyled: false, terms: guide.terms, text };
 */
export interface GuideRenderContext {
  cls: (name: string) => string | undefined;
  unstyled: boolean | undefined;
  terms: GuideTerms;
  text: SetupGuideMessages;
}

/**
 * Rich text from the guide model: Salesforce's on-screen labels styled as UI labels (so the admin
 * recognises them on the page), values to type as code.
 *
 * @example
 * <GuideText text={guide.intro} cls={(name) => name} />
 */
export function GuideText({ text, cls }: { text: RichText; cls: GuideRenderContext['cls'] }) {
  return (
    <>
      {text.map((segment, index) =>
        segment.ui ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder.
          <span key={index} className={cls('sfc-ui-label')} data-sfc-part="ui-label">
            {segment.text}
          </span>
        ) : segment.code ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder.
          <code key={index} className={cls('sfc-code')}>
            {segment.text}
          </code>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

/**
 * One block of a guide step: text, a Setup field and its setting, a value to copy, a checklist,
 * a Setup path with its deep link, or a note.
 *
 * @example
 * step.blocks.map((block, i) => <GuideBlockView key={i} block={block} context={context} />)
 */
export function GuideBlockView({
  block,
  context,
}: {
  block: GuideBlock;
  context: GuideRenderContext;
}) {
  const { cls, terms, text, unstyled } = context;
  switch (block.type) {
    case 'text':
      return (
        <p data-sfc-part="guide-text">
          <GuideText text={block.text} cls={cls} />
        </p>
      );
    case 'copy':
      return (
        <CopyField
          label={block.label}
          value={block.value}
          unstyled={unstyled}
          messages={text.copyField}
        />
      );
    case 'checklist':
      return (
        <ul className={cls('sfc-guide-checklist')} data-sfc-part="guide-checklist">
          {block.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items never reorder.
            <li key={index}>
              <GuideText text={item} cls={cls} />
            </li>
          ))}
        </ul>
      );
    case 'link':
      return (
        <div className={cls('sfc-guide-link')} data-sfc-part="guide-link">
          <ol className={cls('sfc-guide-path')} aria-label={text.setupPath}>
            {block.path.map((part) => (
              <li key={part}>
                <span className={cls('sfc-ui-label')}>{part}</span>
              </li>
            ))}
          </ol>
          {block.href ? (
            <a
              href={block.href}
              target="_blank"
              rel="noopener noreferrer"
              data-sfc-part="deep-link"
            >
              {fillMessage(text.openPage, { label: block.label })}{' '}
              <span className={cls('sfc-visually-hidden')}>{text.newTab}</span>
            </a>
          ) : null}
        </div>
      );
    case 'note':
    case 'warning':
      return (
        <div
          className={cls('sfc-notice')}
          data-tone={block.type === 'warning' ? 'warning' : 'info'}
          data-sfc-part="guide-note"
        >
          <strong>{block.type === 'warning' ? terms.warning : terms.note}:</strong>{' '}
          <GuideText text={block.text} cls={cls} />
        </div>
      );
    case 'field': {
      const { set, label, section, hint } = block;
      const hintText = hint ? (
        <p className={cls('sfc-description')}>
          <GuideText text={hint} cls={cls} />
        </p>
      ) : null;
      const where = section ? (
        <span className={cls('sfc-guide-field-section')}>{section} › </span>
      ) : null;
      if (set.kind === 'text') {
        return (
          <div className={cls('sfc-guide-field')} data-sfc-part="guide-field" data-kind="text">
            {where ? <p className={cls('sfc-description')}>{where}</p> : null}
            <CopyField
              label={label}
              value={set.value}
              unstyled={unstyled}
              messages={text.copyField}
            />
            {hintText}
          </div>
        );
      }
      return (
        <div className={cls('sfc-guide-field')} data-sfc-part="guide-field" data-kind={set.kind}>
          <p className={cls('sfc-guide-field-label')}>
            {where}
            {set.kind === 'checkbox' ? (
              // A small picture of the Setup checkbox, ticked or not, beside its exact label.
              <span
                className={cls('sfc-mock-checkbox')}
                data-checked={set.checked}
                aria-hidden="true"
              />
            ) : null}
            <span className={cls('sfc-ui-label')} data-sfc-part="ui-label">
              {label}
            </span>
            {set.kind === 'checkbox' ? (
              <span className={cls('sfc-guide-field-value')}>
                : {set.checked ? terms.on : terms.off}
              </span>
            ) : null}
            {set.kind === 'describe' ? (
              <span className={cls('sfc-guide-field-value')}>
                : <GuideText text={set.text} cls={cls} />
              </span>
            ) : null}
          </p>
          {set.kind === 'select' ? (
            <ul className={cls('sfc-guide-options')}>
              {set.options.map((option) => (
                <li key={option} className={cls('sfc-ui-label')}>
                  {option}
                </li>
              ))}
            </ul>
          ) : null}
          {hintText}
        </div>
      );
    }
  }
}
