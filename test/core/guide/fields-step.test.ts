// The guide's last step lists every box the admin will fill in (issue 17 §1).
import { describe, expect, it } from 'vitest';
import { defineConnectionFields } from '../../../src/core/fields.js';
import {
  buildSetupGuide,
  guideMessagesDe,
  guideToMarkdown,
  plainText,
} from '../../../src/core/guide/index.js';
import { fields as fieldBlocks } from './guide-queries.js';

const connectionFields = defineConnectionFields({
  region: {
    kind: 'select',
    label: 'Region',
    description: 'Where your data is kept.',
    required: true,
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
  syncDeleted: { kind: 'checkbox', label: 'Sync deleted records' },
  apiToken: { kind: 'text', label: 'API token', secret: true, required: true },
});

const config = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.example/cb'],
  connectionName: { label: 'Connection label' },
  connectionFields,
};

const help = (guide: ReturnType<typeof buildSetupGuide>, label: string) => {
  const block = fieldBlocks(guide, 'enter-credentials').find((b) => b.label === label);
  if (block?.set.kind !== 'describe') throw new Error(`no described field ${label}`);
  return plainText(block.set.text);
};

describe('the last step with a name and connection fields', () => {
  const guide = buildSetupGuide(config);

  it('lists the name first, then the credentials, then each field in declaration order', () => {
    expect(fieldBlocks(guide, 'enter-credentials').map((b) => b.label)).toEqual([
      'Connection label',
      'Login URL',
      'Consumer Key',
      'Consumer Secret',
      'Region',
      'Sync deleted records',
      'API token',
    ]);
  });

  it('gives each its help, options and whether it may stay empty', () => {
    expect(help(guide, 'Connection label')).toBe(
      'A name to help you tell this connection apart from your others. Optional.',
    );
    expect(help(guide, 'Region')).toBe('Where your data is kept. One of: Europe, United States.');
    expect(help(guide, 'Sync deleted records')).toBe('Tick it if it applies. Optional.');
    expect(help(guide, 'API token')).toBe('');
  });

  it('says it in German and in the Markdown export', () => {
    const de = buildSetupGuide(config, { messages: guideMessagesDe });
    expect(help(de, 'Region')).toBe(
      'Where your data is kept. Eine der Möglichkeiten: Europe, United States.',
    );
    expect(guideToMarkdown(guide)).toContain('Sync deleted records');
  });

  it('lists nothing extra without them', () => {
    const { connectionName: _name, connectionFields: _fields, ...rest } = config;
    const plain = buildSetupGuide(rest);
    expect(fieldBlocks(plain, 'enter-credentials').map((b) => b.label)).toEqual([
      'Login URL',
      'Consumer Key',
      'Consumer Secret',
    ]);
  });
});
