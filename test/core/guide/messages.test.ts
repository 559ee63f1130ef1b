import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  type GuideMessages,
  guideMessagesDe,
  guideMessagesEn,
  plainText,
  SETUP_LABELS,
} from '../../../src/core/guide/index.js';

describe('fillTemplate', () => {
  it('marks labels, inserts values as plain text and marks code', () => {
    expect(
      fillTemplate(
        'Click [save] in {vendor}, then `https://x.example`.',
        { vendor: 'Acme' },
        SETUP_LABELS,
      ),
    ).toEqual([
      { text: 'Click ' },
      { text: 'Save', ui: true },
      { text: ' in ' },
      { text: 'Acme' },
      { text: ', then ' },
      { text: 'https://x.example', code: true },
      { text: '.' },
    ]);
  });

  it('prefers a label given by the builder over a Setup label of the same name', () => {
    expect(fillTemplate('[save]', { save: 'Speichern' }, SETUP_LABELS)).toEqual([
      { text: 'Speichern', ui: true },
    ]);
  });

  it('leaves names it does not know as written, including Object.prototype names', () => {
    expect(
      plainText(fillTemplate('[nope] {nope} [constructor] {toString}', {}, SETUP_LABELS)),
    ).toBe('[nope] {nope} [constructor] {toString}');
  });

  it('never parses the values it inserts', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => {
        expect(fillTemplate('{vendor}', { vendor: value })).toEqual([{ text: value }]);
        expect(fillTemplate('[button]', { button: value })).toEqual([{ text: value, ui: true }]);
      }),
    );
  });

  it('keeps every character of a template without marks, and drops no text around marks', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[[\]{}`]/.test(s)),
        fc.string(),
        (text, value) => {
          expect(plainText(fillTemplate(text, {}))).toBe(text);
          expect(plainText(fillTemplate(`${text}{v}${text}`, { v: value }))).toBe(
            `${text}${value}${text}`,
          );
        },
      ),
    );
  });
});

/** Every template of a messages object, with where it sits. */
function templates(messages: GuideMessages): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push([path, value]);
    else if (value && typeof value === 'object' && path !== 'setup') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(messages, '');
  return out;
}

// Every value the builder passes to some template; a template naming anything else is a typo.
const builderValues = {
  vendor: 'Acme',
  app: 'Acme Sync',
  appKind: 'External Client App',
  button: 'Connect',
  page: 'App Manager',
  scope: 'Perform requests at any time (refresh_token, offline_access)',
  values: 'x',
  number: '1',
  title: 'Title',
  url: 'https://login.salesforce.com',
  options: 'Europe, United States',
};

describe.each([
  ['English', guideMessagesEn],
  ['German', guideMessagesDe],
])('%s messages', (_, messages) => {
  it('name only labels and values that exist', () => {
    for (const [path, template] of templates(messages)) {
      const filled = plainText(fillTemplate(template, builderValues, messages.setup));
      expect(filled, path).not.toMatch(/\[\w+\]|\{\w+\}/);
    }
  });

  it('fill every template with words', () => {
    for (const [path, template] of templates(messages)) expect(template.trim(), path).not.toBe('');
  });
});

it('the German messages translate every English template', () => {
  const english = new Map(templates(guideMessagesEn));
  const german = templates(guideMessagesDe);
  expect(german.map(([path]) => path)).toEqual([...english.keys()]);
  // Names of Salesforce's and the kit's own things stay as they are; everything else changes.
  const sameOnPurpose = new Set([
    'setup',
    'form.consumerKey',
    'form.consumerSecret',
    'appKind.eca',
    'appKind.connectedApp',
  ]);
  for (const [path, template] of german) {
    if (!sameOnPurpose.has(path)) expect(template, path).not.toBe(english.get(path));
  }
});
