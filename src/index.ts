export { CopyField, type CopyFieldMessages, type CopyFieldProps } from './components/CopyField.js';
export * from './core/guide/index.js';
export * from './core/index.js';
