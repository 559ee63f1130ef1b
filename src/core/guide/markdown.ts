import { fillMessage } from '../fill-message.js';
import type { FieldSetting, GuideBlock, GuideTerms, RichText, SetupGuide } from './model.js';

// Characters that would turn plain text into Markdown syntax.
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');

/** The longest run of backticks in a value, so a code span or fence can be made longer. */
const longestTicks = (value: string) =>
  Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));

function codeSpan(value: string): string {
  const ticks = '`'.repeat(longestTicks(value) + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

function codeBlock(value: string): string {
  const fence = '`'.repeat(Math.max(3, longestTicks(value) + 1));
  return `${fence}\n${value}\n${fence}`;
}

function inline(text: RichText): string {
  return text
    .map((part) =>
      part.code
        ? codeSpan(part.text)
        : part.ui
          ? `**${escapeMarkdown(part.text)}**`
          : escapeMarkdown(part.text),
    )
    .join('');
}

function setting(set: FieldSetting, terms: GuideTerms): string {
  switch (set.kind) {
    case 'checkbox':
      return set.checked ? `☑ ${terms.on}` : `☐ ${terms.off}`;
    case 'text':
      return set.value.includes('\n') ? `\n\n${indent(codeBlock(set.value))}` : codeSpan(set.value);
    case 'select':
      return set.options.length === 1
        ? `**${escapeMarkdown(set.options[0] ?? '')}**`
        : `\n${set.options.map((option) => `  - **${escapeMarkdown(option)}**`).join('\n')}`;
    case 'describe':
      return inline(set.text);
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

const quote = (label: string, text: RichText) => `> **${escapeMarkdown(label)}:** ${inline(text)}`;

function block(b: GuideBlock, terms: GuideTerms): string {
  switch (b.type) {
    case 'text':
      return inline(b.text);
    case 'field': {
      // "Section › Label" mirrors how the admin finds the field on the page.
      const where = b.section ? `${escapeMarkdown(b.section)} › ` : '';
      const hint = b.hint ? `\n  ${inline(b.hint)}` : '';
      const value = setting(b.set, terms);
      const gap = value.startsWith('\n') ? '' : ' ';
      return `- ${where}**${escapeMarkdown(b.label)}**:${gap}${value}${hint}`;
    }
    case 'copy':
      return `${escapeMarkdown(b.label)}:\n\n${codeBlock(b.value)}`;
    case 'checklist':
      return b.items.map((item) => `- [ ] ${inline(item)}`).join('\n');
    case 'link': {
      const path = b.path.map((part) => `**${escapeMarkdown(part)}**`).join(' → ');
      return b.href ? `${path}: [${escapeMarkdown(b.label)}](<${b.href}>)` : path;
    }
    case 'note':
      return quote(terms.note, b.text);
    case 'warning':
      return quote(terms.warning, b.text);
  }
}

/**
 * The whole guide as Markdown, for sharing with the admin who does the setup (email, ticket,
 * wiki): title, intro, numbered steps with Setup's labels in bold, every value to copy in a code
 * block, notes and warnings as quotes, and the troubleshooting section with links back to steps.
 * Nothing is left out; consecutive fields form one list.
 *
 * @example
 * const markdown = guideToMarkdown(buildSetupGuide(config));
 * await navigator.clipboard.writeText(markdown);
 */
export function guideToMarkdown(guide: SetupGuide): string {
  const { terms } = guide;
  const out: string[] = [`# ${escapeMarkdown(guide.title)}`, inline(guide.intro)];
  guide.steps.forEach((step, index) => {
    out.push(`## ${index + 1}. ${escapeMarkdown(step.title)}`);
    if (step.summary) out.push(escapeMarkdown(step.summary));
    let list: string[] = [];
    for (const b of step.blocks) {
      if (b.type === 'field') {
        list.push(block(b, terms));
        continue;
      }
      if (list.length > 0) out.push(list.join('\n'));
      list = [];
      out.push(block(b, terms));
    }
    if (list.length > 0) out.push(list.join('\n'));
  });
  if (guide.troubleshooting.length > 0) {
    out.push(`## ${escapeMarkdown(terms.troubleshooting)}`);
    for (const item of guide.troubleshooting) {
      out.push(
        `### ${escapeMarkdown(item.title)}`,
        `${codeSpan(item.code)}: ${escapeMarkdown(item.cause)}`,
      );
      // Who acts, so a forwarded copy tells the Salesforce admin which fixes are theirs.
      if (item.whoActs) out.push(`_${escapeMarkdown(item.whoActs)}_`);
      const fixes = item.fixes.map((fix) => `- ${escapeMarkdown(fix)}`);
      const index = guide.steps.findIndex((step) => step.id === item.stepId);
      const target = guide.steps[index];
      if (target)
        fixes.push(
          `- → ${escapeMarkdown(fillMessage(terms.stepRef, { number: index + 1, title: target.title }))}`,
        );
      out.push(fixes.join('\n'));
    }
  }
  return `${out.join('\n\n')}\n`;
}
