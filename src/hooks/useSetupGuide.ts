import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type ConnectError, toConnectError } from '../core/errors.js';
import { buildSetupGuide } from '../core/guide/build.js';
import { guideToMarkdown } from '../core/guide/markdown.js';
import type { GuideConfig, GuideStep, GuideVariant, SetupGuide } from '../core/guide/model.js';
import {
  createGuideProgress,
  type GuideProgress,
  type GuideProgressState,
  type GuideProgressStorage,
} from '../core/guide/progress.js';
import { GUIDE_STEP_IDS, type GuideStepId } from '../core/guide-step-ids.js';
import type { NormalizeLoginUrlOptions } from '../core/login-url.js';
import { useMessages } from '../messages/context.js';
import { type SetupGuideMessages, setupGuideMessagesEn } from '../messages/setupGuide.js';
import { copyText } from '../react/copy-text.js';
import { useControllableState } from '../react/use-controllable-state.js';

/**
 * Options of {@link useSetupGuide}: the guide's configuration (core's `GuideConfig`, spread a
 * preset into it) plus where progress is kept and which variant and step are shown.
 *
 * @example
 * const options: UseSetupGuideOptions = {
 *   ...presets.externalClientAppWithoutPkce,
 *   appName: 'Acme Sync',
 *   vendorName: 'Acme',
 *   callbackUrls: ['https://app.acme.com/oauth/callback'],
 * };
 */
export interface UseSetupGuideOptions extends Omit<GuideConfig, 'variant'> {
  /** The app kind shown (controlled); pair with `onVariantChange`. */
  variant?: GuideVariant | undefined;
  /** The app kind shown first (uncontrolled); default `external-client-app`. */
  defaultVariant?: GuideVariant | undefined;
  onVariantChange?: ((details: { variant: GuideVariant }) => void) | undefined;
  /** The step the admin is on (controlled); default: the first step not done. */
  currentStepId?: GuideStepId | undefined;
  defaultCurrentStepId?: GuideStepId | undefined;
  onCurrentStepChange?: ((details: { stepId: GuideStepId }) => void) | undefined;
  /**
   * Where ticks are kept between visits: default the window's `localStorage`, `null` for this
   * visit only. Only step ids are stored, never a value.
   */
  storage?: GuideProgressStorage | null | undefined;
  /** Storage key; default derived from `vendorName` and `appName`. */
  storageKey?: string | undefined;
  /** How to read `loginUrl`, e.g. `allowedHosts` for a local simulator. */
  loginUrlOptions?: Pick<NormalizeLoginUrlOptions, 'allowedHosts'> | undefined;
  messages?: Partial<SetupGuideMessages> | undefined;
  /** The window to use for storage, clipboard and downloads (iframes, tests). */
  environment?: { window?: Window | undefined } | undefined;
}

/**
 * What {@link useSetupGuide} returns.
 *
 * @example
 * const { steps, progress, toggleStep } = useSetupGuide(options);
 */
export interface UseSetupGuideReturn {
  /** The built guide; undefined when the configuration is invalid (see `error`). */
  guide: SetupGuide | undefined;
  /** Why the configuration could not become a guide (`invalid_input`, in plain words). */
  error: ConnectError | undefined;
  steps: readonly GuideStep[];
  variant: GuideVariant;
  setVariant(variant: GuideVariant): void;
  /** Ticks by step id (every id present). */
  progress: GuideProgressState;
  /** How many of this guide's steps are ticked. */
  doneCount: number;
  /** Ticks or unticks a step; ticking the current step moves on to the next one not done. */
  toggleStep(id: GuideStepId, done?: boolean): void;
  /** Unticks every step and forgets the stored ticks. */
  resetProgress(): void;
  /** The step the admin is on: chosen, or the first not done; undefined once all are done. */
  currentStepId: GuideStepId | undefined;
  setCurrentStepId(id: GuideStepId): void;
  /** Copies text to the clipboard; resolves to whether it worked. */
  copy(value: string): Promise<boolean>;
  /** The whole guide as Markdown, for the admin who does the setup. */
  toMarkdown(): string;
  /** Downloads the Markdown as a file (call it from an event handler). */
  download(): void;
  /** The file name `download()` uses. */
  fileName: string;
  messages: SetupGuideMessages;
}

const memoryOnly: GuideProgressStorage | undefined = undefined;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'app';

function defaultStorage(win: Window | undefined): GuideProgressStorage | undefined {
  try {
    return win?.localStorage ?? undefined;
  } catch {
    // Storage disabled (privacy settings, sandboxed iframe): the ticks live for this visit.
    return undefined;
  }
}

/**
 * The setup guide's state without its markup: builds the guide from the configuration (core's
 * `buildSetupGuide`, in the language of `messages.guide`), keeps the admin's checklist per browser
 * (only step ids, in `localStorage` under a key derived from the vendor and app), tracks the
 * current step and variant (controlled or not), and copies or downloads the guide as Markdown.
 * Renders the same on the server: storage is read after mounting.
 *
 * @example
 * function Checklist() {
 *   const guide = useSetupGuide({
 *     appName: 'Acme Sync',
 *     vendorName: 'Acme',
 *     callbackUrls: ['https://app.acme.com/oauth/callback'],
 *   });
 *   return (
 *     <ol>
 *       {guide.steps.map((step) => (
 *         <li key={step.id}>
 *           <label>
 *             <input type="checkbox" checked={guide.progress[step.id]} onChange={() => guide.toggleStep(step.id)} />
 *             {step.title}
 *           </label>
 *         </li>
 *       ))}
 *     </ol>
 *   );
 * }
 */
export function useSetupGuide(options: UseSetupGuideOptions): UseSetupGuideReturn {
  const {
    variant: variantProp,
    defaultVariant,
    onVariantChange,
    currentStepId: currentProp,
    defaultCurrentStepId,
    onCurrentStepChange,
    storage,
    storageKey,
    loginUrlOptions,
    messages: ownMessages,
    environment,
    ...config
  } = options;
  const text = useMessages('setupGuide', setupGuideMessagesEn, ownMessages);
  const [variant, setVariantState] = useControllableState<GuideVariant>({
    prop: variantProp,
    defaultProp: defaultVariant ?? 'external-client-app',
    onChange: (next) => onVariantChange?.({ variant: next }),
  });

  // Rebuilt only when the configuration's content changes, not on every inline object.
  const configKey = JSON.stringify([config, loginUrlOptions?.allowedHosts]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the config is compared by content.
  const built = useMemo(() => {
    try {
      const guide = buildSetupGuide(
        { ...config, variant },
        {
          messages: text.guide,
          ...(text.catalogue ? { catalogue: text.catalogue } : {}),
          ...(loginUrlOptions ? { loginUrlOptions } : {}),
        },
      );
      return { guide, error: undefined };
    } catch (caught) {
      return { guide: undefined, error: toConnectError(caught, 'invalid_input') };
    }
  }, [configKey, variant, text.guide, text.catalogue]);
  const steps = built.guide?.steps ?? [];

  const key =
    storageKey ?? `salesforce-connect:guide:${slug(config.vendorName)}:${slug(config.appName)}`;
  // The server and the first client render see no ticks; stored ones load after mounting.
  const [store, setStore] = useState<GuideProgress>(() =>
    createGuideProgress({ storage: memoryOnly, key, stepIds: GUIDE_STEP_IDS }),
  );
  const win = environment?.window;
  useEffect(() => {
    const target = win ?? (typeof window === 'undefined' ? undefined : window);
    const chosen = storage === null ? undefined : (storage ?? defaultStorage(target));
    const next = createGuideProgress({ storage: chosen, key, stepIds: GUIDE_STEP_IDS });
    setStore(next);
    // Another tab ticking a step updates this one.
    const onStorage = (event: StorageEvent) => {
      if (event.key === key || event.key === null) next.reload();
    };
    target?.addEventListener('storage', onStorage);
    return () => target?.removeEventListener('storage', onStorage);
  }, [key, storage, win]);
  const progress = useSyncExternalStore(store.subscribe, store.get, store.get);

  const [chosenStep, setChosenStep] = useControllableState<GuideStepId | undefined>({
    prop: currentProp,
    defaultProp: defaultCurrentStepId,
    onChange: (next) => {
      if (next) onCurrentStepChange?.({ stepId: next });
    },
  });
  const firstOpen = steps.find((step) => !progress[step.id])?.id;
  const currentStepId =
    chosenStep && steps.some((step) => step.id === chosenStep) ? chosenStep : firstOpen;

  const toggleStep = (id: GuideStepId, done = !progress[id]) => {
    store.set(id, done);
    if (done && id === currentStepId && chosenStep) {
      const index = steps.findIndex((step) => step.id === id);
      const next = steps.slice(index + 1).find((step) => !progress[step.id]);
      if (next) setChosenStep(next.id);
    }
  };

  const guide = built.guide;
  const toMarkdown = useCallback(() => (guide ? guideToMarkdown(guide) : ''), [guide]);
  const fileName = `${slug(config.vendorName)}-salesforce-setup.md`;

  return {
    guide,
    error: built.error ?? undefined,
    steps,
    variant,
    setVariant: setVariantState,
    progress,
    doneCount: steps.filter((step) => progress[step.id]).length,
    toggleStep,
    resetProgress: () => store.reset(),
    currentStepId,
    setCurrentStepId: setChosenStep,
    copy: (value) => copyText(value, { window: win }),
    toMarkdown,
    download() {
      const target = (win ?? window) as Window & typeof globalThis;
      const url = target.URL.createObjectURL(
        new target.Blob([toMarkdown()], { type: 'text/markdown;charset=utf-8' }),
      );
      const link = target.document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      target.document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next task: the download has started by then.
      target.setTimeout(() => target.URL.revokeObjectURL(url), 0);
    },
    fileName,
    messages: text,
  };
}
