import type { NextConfig } from 'next';

const config: NextConfig = {
  // The bench lives inside the kit's repository: this folder is the app's root.
  outputFileTracingRoot: import.meta.dirname,
  turbopack: { root: import.meta.dirname },
};

export default config;
