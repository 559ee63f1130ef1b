import type { NextConfig } from 'next';

const config: NextConfig = {
  // The bench lives inside the kit's repository: this folder is the app's root.
  outputFileTracingRoot: import.meta.dirname,
  turbopack: { root: import.meta.dirname },
  // Source maps let the bench tell the kit's modules from React's and Next's inside each chunk
  // (Turbopack's production chunks name modules by number). The bench measures each chunk
  // without its `sourceMappingURL` comment, as a site that serves no maps ships it.
  productionBrowserSourceMaps: true,
};

export default config;
