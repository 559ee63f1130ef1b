import type { Preview } from '@storybook/react-vite';
import { MINIMAL_VIEWPORTS } from 'storybook/viewport';
import '../src/components/styles.css';
import { preloadSalesforceConnect } from '../src/components/SalesforceConnect.js';
import { defaultKitEnvironment, KitFrame, kitEnvironmentFrom } from './kit-frame.js';

const preview: Preview = {
  // Each story shows its state with the component's on-demand parts already there (a page gets
  // them while idle); the views before they arrive are pinned by the jsdom and Chromium tests.
  loaders: [() => preloadSalesforceConnect()],
  globalTypes: {
    theme: {
      description: 'Light or dark theme of the kit (data-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of every kit string (SalesforceConnectMessagesProvider)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'de', title: 'Deutsch', right: 'de' },
        ],
        dynamicTitle: true,
      },
    },
    brand: {
      description: 'An example brand applied only through --sfc-* custom properties',
      toolbar: {
        title: 'Brand',
        icon: 'paintbrush',
        items: [
          { value: 'kit', title: 'Kit defaults' },
          { value: 'example', title: 'Example brand (--sfc-* only)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { ...defaultKitEnvironment },
  decorators: [
    (Story, context) => (
      <KitFrame
        environment={kitEnvironmentFrom(context.globals)}
        wholePage={context.viewMode !== 'docs'}
      >
        <Story />
      </KitFrame>
    ),
  ],
  parameters: {
    controls: { expanded: true },
    // The theme decides the page background (the decorator makes <body> a kit scope).
    backgrounds: { disable: true },
    viewport: {
      options: {
        narrow: {
          name: 'Narrowest supported (320 px)',
          styles: { width: '320px', height: '640px' },
          type: 'mobile',
        },
        ...MINIMAL_VIEWPORTS,
      },
    },
    // Any axe violation fails the story's test in `npm test`.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
