export { keyHint, maskSecret } from './secret-display.js';
