/**
 * Stable ids of the setup guide's steps. Error explanations link to them (`guideStepId`), the
 * checklist persists by them, and deep links use them as anchors, so they never change.
 */
export const GUIDE_STEP_IDS = [
  'prerequisites',
  'create-app',
  'basic-information',
  'callback-url',
  'oauth-scopes',
  'flow-security',
  'save-app',
  'oauth-policies',
  'consumer-credentials',
  'wait-for-activation',
  'enter-credentials',
] as const;

/** One of {@link GUIDE_STEP_IDS}. */
export type GuideStepId = (typeof GUIDE_STEP_IDS)[number];
