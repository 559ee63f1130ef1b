import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  // The repository's docs, linked from the Adapters page, ship with the static site (not at
  // /docs, where Vite serves the same files as modules to the docs pages).
  staticDirs: [{ from: '../docs', to: '/repository-docs' }],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: {
    name: '@storybook/react-vite',
    options: {
      // The library config builds dist/ and emits types; Storybook needs neither.
      builder: { viteConfigPath: '.storybook/vite.config.ts' },
    },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Pre-bundled up front: discovered mid-run, Vite re-optimizes and reloads the page under the
  // Storybook test run, which fails whichever stories were loading at that moment.
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(config, {
      optimizeDeps: {
        include: [
          'react-hook-form',
          '@hookform/resolvers/zod',
          'zod/mini',
          '@radix-ui/react-dialog',
          'storybook/internal/csf',
        ],
      },
    });
  },
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
