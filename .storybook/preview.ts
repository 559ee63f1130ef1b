import type { Preview } from '@storybook/react-vite';
import '../src/components/styles.css';

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Any axe violation fails the story's test in `npm test`.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
