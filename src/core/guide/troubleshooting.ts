import { type ErrorCatalogue, type ExplanationValues, explainError } from '../error-catalogue.js';
import type { ConnectErrorCode } from '../errors.js';
import type { GuideStepId } from '../guide-step-ids.js';
import type { GuideTroubleshootingItem } from './model.js';

/**
 * What {@link guideTroubleshooting} needs.
 *
 * @example
 * guideTroubleshooting({ codes: ['invalid_client'], stepIds: guide.steps.map((s) => s.id) });
 */
export interface GuideTroubleshootingInput {
  /** The errors to explain, in the order to show them; duplicates are dropped. */
  codes: readonly ConnectErrorCode[];
  /** The steps the guide has: a fix links only to a step that exists. */
  stepIds: readonly GuideStepId[];
  catalogue?: ErrorCatalogue | undefined;
  /** Values that make a fix concrete (the exact callback URL, the login URL, the app's name). */
  values?: ExplanationValues;
}

/**
 * The guide's troubleshooting section, explained by the error catalogue: for each error, what it
 * means, how to fix it, and the step of this guide where the fix is made.
 *
 * @example
 * guideTroubleshooting({ codes: ['redirect_uri_mismatch'], stepIds: ['callback-url'] })[0].stepId;
 * // 'callback-url'
 */
export function guideTroubleshooting(input: GuideTroubleshootingInput): GuideTroubleshootingItem[] {
  return [...new Set(input.codes)].map((code) => {
    const { title, cause, fixes, guideStepId, actor, whoActs } = explainError(code, {
      catalogue: input.catalogue,
      values: input.values,
    });
    return {
      code,
      title,
      cause,
      fixes,
      actor,
      whoActs,
      ...(guideStepId && input.stepIds.includes(guideStepId) ? { stepId: guideStepId } : {}),
    };
  });
}
