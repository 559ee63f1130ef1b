export {
  type BuildSetupGuideOptions,
  buildSetupGuide,
  CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES,
  DEFAULT_GUIDE_SCOPES,
  DEFAULT_TROUBLESHOOTING_CODES,
  resolveGuideConfig,
} from './build.js';
export { guideMessagesDe } from './content-de.js';
export { guideMessagesEn } from './content-en.js';
export { guideToMarkdown } from './markdown.js';
export { fillTemplate, type GuideMessages, type GuideTemplate } from './messages.js';
export {
  code,
  type FieldSetting,
  type GuideBlock,
  type GuideConfig,
  type GuideFlows,
  type GuidePolicies,
  type GuidePrerequisites,
  type GuideSecurity,
  type GuideStep,
  type GuideTerms,
  type GuideTroubleshootingItem,
  type GuideVariant,
  type IpRelaxation,
  type PermittedUsers,
  plainText,
  type RefreshTokenPolicy,
  type ResolvedGuideConfig,
  type RichText,
  type SetupGuide,
  type TextSegment,
  ui,
} from './model.js';
export { defaultGuideConfig, type GuidePreset, presets } from './presets.js';
export {
  createGuideProgress,
  type GuideProgress,
  type GuideProgressOptions,
  type GuideProgressState,
  type GuideProgressStorage,
} from './progress.js';
export { SETUP_LABELS, type SetupLabels } from './setup-labels.js';
export { guideLoginUrl, SETUP_PAGE_PATHS, type SetupPage, setupPageUrl } from './setup-links.js';
export { type GuideTroubleshootingInput, guideTroubleshooting } from './troubleshooting.js';
