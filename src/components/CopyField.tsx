import { type ComponentPropsWithoutRef, useEffect, useId, useRef, useState } from 'react';
import { fillMessage } from '../core/fill-message.js';
import { useMessages } from '../messages/context.js';
import { type CopyFieldMessages, copyFieldMessagesEn } from '../messages/copyField.js';
import { copyText } from '../react/copy-text.js';
import { requireProp } from '../react/development.js';
import { kitClasses, partClassName } from './internal/parts.js';

export type { CopyFieldMessages } from '../messages/copyField.js';

/**
 * Props of {@link CopyField}; the root `<div>`'s own props pass through.
 *
 * @example
 * const props: CopyFieldProps = { label: 'Scopes', value: 'api refresh_token' };
 */
export interface CopyFieldProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onCopy'> {
  /** Visible label, also the accessible name of the read-only text box. */
  label: string;
  /** The exact value the admin must paste elsewhere. */
  value: string;
  /** Drop the kit's class names (data attributes stay for your own styling). */
  unstyled?: boolean | undefined;
  messages?: Partial<CopyFieldMessages> | undefined;
  /** Called after a copy attempt, with whether the clipboard accepted it. */
  onCopy?: ((details: { value: string; ok: boolean }) => void) | undefined;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A labelled, read-only value with a Copy button, for values the admin pastes into Salesforce
 * (callback URL, scopes). The text stays selectable, so copying by hand works when the clipboard
 * is unavailable.
 *
 * @example
 * <CopyField label="Callback URL" value="https://app.example.com/oauth/callback" />
 */
export function CopyField({
  label,
  value,
  unstyled,
  messages,
  onCopy,
  className,
  ...rest
}: CopyFieldProps) {
  const text = useMessages('copyField', copyFieldMessagesEn, messages);
  requireProp(
    value,
    '<CopyField>',
    'value',
    'Pass the text to copy: <CopyField label="Callback URL" value={url} />.',
  );
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');
  const resetTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(resetTimer.current), []);

  async function copy() {
    const ok = await copyText(value);
    // Clipboard refused (permissions): select the text for a manual copy.
    if (!ok) inputRef.current?.select();
    setState(ok ? 'copied' : 'failed');
    clearTimeout(resetTimer.current);
    resetTimer.current = setTimeout(() => setState('idle'), 2000);
    onCopy?.({ value, ok });
  }

  const cls = kitClasses(unstyled);
  return (
    <div
      {...rest}
      className={partClassName('sfc-scope sfc-copy-field', { unstyled, className })}
      data-sfc-part="copy-field"
      data-state={state}
    >
      <label htmlFor={id} className={cls('sfc-label')} data-sfc-part="copy-field-label">
        {label}
      </label>
      <div className={cls('sfc-copy-field-row')}>
        <input
          ref={inputRef}
          id={id}
          className={cls('sfc-input')}
          data-sfc-part="copy-field-value"
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className={cls('sfc-button')}
          data-sfc-part="copy-field-button"
          data-variant="secondary"
          onClick={copy}
          // Names the button by its visible word plus the field, so "Copy" stays unambiguous.
          aria-label={fillMessage(text.copyLabel, { label })}
        >
          {text.copy}
        </button>
      </div>
      <span
        role="status"
        className={cls('sfc-copy-field-status')}
        data-sfc-part="copy-field-status"
      >
        {state === 'copied' ? text.copied : state === 'failed' ? text.copyFailed : ''}
      </span>
    </div>
  );
}
