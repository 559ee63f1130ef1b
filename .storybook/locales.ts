import type { MessageOverrides } from '../src/messages/context.js';
import { localeDe } from '../src/messages/locales.js';

/** The locales the toolbar offers; English is the kit's default, so it needs no overrides. */
export type StorybookLocale = 'en' | 'de';

/** What the locale toolbar hands to `SalesforceConnectMessagesProvider`: the kit's own bundles. */
export const messagesByLocale: Record<StorybookLocale, MessageOverrides> = {
  en: {},
  de: localeDe,
};
