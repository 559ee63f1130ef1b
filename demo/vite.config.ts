// The demo page's Vite config (used by demo/stack.ts through Vite's createServer). The page imports
// the kit from ../src, so it always runs the code in this working tree.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  appType: 'spa',
  clearScreen: false,
  // Its own cache: the library build, Vitest and Storybook keep theirs.
  cacheDir: here('../node_modules/.vite/salesforce-connect-demo'),
  optimizeDeps: {
    // Named up front: a dependency discovered while the page loads would make Vite reload it.
    entries: [here('index.html')],
    include: [
      'react',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'react-hook-form',
      '@hookform/resolvers/zod',
      '@radix-ui/react-dialog',
      'zod/mini',
    ],
  },
  server: {
    warmup: { clientFiles: ['./main.tsx'] },
  },
});
