// Queries over a built guide, so tests read like what an admin would look for on the page.

import {
  type FieldSetting,
  type GuideBlock,
  plainText,
  type RichText,
  type SetupGuide,
} from '../../../src/core/guide/index.js';
import type { GuideStepId } from '../../../src/core/guide-step-ids.js';

export type FieldBlock = Extract<GuideBlock, { type: 'field' }>;

export function step(guide: SetupGuide, id: GuideStepId) {
  const found = guide.steps.find((s) => s.id === id);
  if (!found) throw new Error(`The guide has no step "${id}"`);
  return found;
}

export function fields(guide: SetupGuide, stepId?: GuideStepId): FieldBlock[] {
  const steps = stepId ? [step(guide, stepId)] : guide.steps;
  return steps.flatMap((s) => s.blocks.filter((b): b is FieldBlock => b.type === 'field'));
}

/** The one field with this exact label (fails when there is none or more than one). */
export function field(guide: SetupGuide, label: string, stepId?: GuideStepId): FieldBlock {
  const matches = fields(guide, stepId).filter((f) => f.label === label);
  if (matches.length !== 1) {
    throw new Error(`Expected one field "${label}", found ${matches.length}`);
  }
  return matches[0]!;
}

export function setting(guide: SetupGuide, label: string, stepId?: GuideStepId): FieldSetting {
  return field(guide, label, stepId).set;
}

/** Expected settings, compared with `setting(…)`: a ticked or unticked checkbox, a select's options. */
export const on = { kind: 'checkbox', checked: true } as const;
export const off = { kind: 'checkbox', checked: false } as const;
export const options = (...values: string[]) => ({ kind: 'select', options: values }) as const;

export function copyValues(guide: SetupGuide, stepId?: GuideStepId): string[] {
  const steps = stepId ? [step(guide, stepId)] : guide.steps;
  return steps.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'copy' ? [b.value] : [])));
}

function blockTexts(block: GuideBlock): RichText[] {
  switch (block.type) {
    case 'text':
    case 'note':
    case 'warning':
      return [block.text];
    case 'checklist':
      return [...block.items];
    case 'field': {
      const texts: RichText[] = [[{ text: block.label }]];
      if (block.section) texts.push([{ text: block.section }]);
      if (block.hint) texts.push(block.hint);
      if (block.set.kind === 'describe') texts.push(block.set.text);
      if (block.set.kind === 'text') texts.push([{ text: block.set.value }]);
      if (block.set.kind === 'select') texts.push(block.set.options.map((text) => ({ text })));
      return texts;
    }
    case 'copy':
      return [[{ text: block.label }], [{ text: block.value }]];
    case 'link':
      return [[{ text: block.label }], block.path.map((text) => ({ text }))];
  }
}

/** Every word a step shows, joined (labels, values, notes…). */
export function stepText(guide: SetupGuide, id: GuideStepId): string {
  return step(guide, id)
    .blocks.flatMap(blockTexts)
    .map((t) => plainText(t))
    .join('\n');
}

/** Every word of the guide, joined. */
export function guideText(guide: SetupGuide): string {
  return [
    guide.title,
    plainText(guide.intro),
    ...guide.steps.flatMap((s) => [s.title, stepText(guide, s.id)]),
  ].join('\n');
}

/** Labels marked as exact on-screen labels anywhere in a step's text. */
export function uiLabels(guide: SetupGuide, id: GuideStepId): string[] {
  return step(guide, id)
    .blocks.flatMap(blockTexts)
    .flatMap((t) => t.filter((part) => part.ui).map((part) => part.text));
}

export function blocksOfType<T extends GuideBlock['type']>(
  guide: SetupGuide,
  type: T,
  stepId?: GuideStepId,
): Extract<GuideBlock, { type: T }>[] {
  const steps = stepId ? [step(guide, stepId)] : guide.steps;
  return steps.flatMap((s) =>
    s.blocks.filter((b): b is Extract<GuideBlock, { type: T }> => b.type === type),
  );
}
