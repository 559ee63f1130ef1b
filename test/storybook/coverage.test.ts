import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { storyNameFromExport, toId } from 'storybook/internal/csf';
import { describe, expect, it } from 'vitest';
import { MEMORY_SCENARIOS } from '../../src/adapters/memory-scenarios.js';
import { presets } from '../../src/core/guide/presets.js';
import {
  SCENARIO_STORIES_TITLE,
  scenarioExportName,
  scenarioStoryId,
} from '../../stories/flows/scenario-ids.js';
import {
  designComponents,
  presetStories,
  requiredDocsPages,
  requiredStates,
} from './required-states.js';
import { exportedComponents, readDocsPageTitles, readStoryFiles, root } from './story-files.js';

const files = readStoryFiles();
const stories = files.flatMap((file) => file.stories);
const ids = new Set(stories.map((story) => story.id));

describe('Storybook covers every state of issue 9', () => {
  it('reads the stories the way Storybook indexes them', () => {
    // A parser that silently found nothing would make every check below vacuous.
    expect(files.length).toBeGreaterThanOrEqual(designComponents.length);
    expect(ids.has('components-copyfield--default')).toBe(true);
    expect(new Set(stories.map((story) => story.id)).size).toBe(stories.length);
  });

  it.each(requiredStates.map((entry) => [entry.state, entry.stories] as const))(
    'has a story for: %s',
    (_state, required) => {
      expect(required.filter((id) => !ids.has(id))).toEqual([]);
    },
  );

  it.each(MEMORY_SCENARIOS.map((scenario) => [scenario]))(
    'plays the memory adapter scenario %s through <SalesforceConnect/>',
    (scenario) => {
      expect(ids).toContain(scenarioStoryId(scenario));
    },
  );

  it('links the Errors page to scenario stories by the ids Storybook gives them', () => {
    for (const scenario of MEMORY_SCENARIOS) {
      expect(scenarioStoryId(scenario)).toBe(
        toId(SCENARIO_STORIES_TITLE, storyNameFromExport(scenarioExportName(scenario))),
      );
    }
    expect(scenarioStoryId('invalid_client_id')).toBe('flows-scenarios--invalid-client-id');
  });

  it.each(Object.keys(presets).map((preset) => [preset]))('shows the guide preset %s', (preset) => {
    const id = presetStories[preset];
    expect(id, `map ${preset} to its story in required-states.ts`).toBeDefined();
    expect(ids).toContain(id);
  });

  it.each([...new Set([...designComponents, ...exportedComponents()])].map((name) => [name]))(
    '%s has stories with autodocs',
    (component) => {
      const documented = files.filter(
        (file) => file.component === component && !file.metaTags.includes('!autodocs'),
      );
      expect(documented.map((file) => file.file)).not.toEqual([]);
      expect(documented.flatMap((file) => file.stories).length).toBeGreaterThan(0);
    },
  );

  it.each(requiredDocsPages.map((title) => [title]))('has the docs page %s', (title) => {
    expect(readDocsPageTitles()).toContain(title);
  });

  it('every CSF meta states its component type (`satisfies Meta<typeof X>`)', () => {
    for (const file of files) {
      const source = readFileSync(join(root, file.file), 'utf8');
      expect(source, file.file).toMatch(/\}\s*satisfies\s+Meta(<typeof\s+\w+>)?\s*;/);
      if (file.component)
        expect(source, file.file).toContain(`satisfies Meta<typeof ${file.component}>`);
    }
  });
});

/**
 * The built site: `npm test` builds storybook-static/ just before the test run and points
 * STORYBOOK_INDEX at its index.json; without the variable (a plain `vitest` run) it is skipped,
 * as a stale build would prove nothing.
 */
const builtIndex = process.env.STORYBOOK_INDEX;
describe.runIf(builtIndex !== undefined)('the static build', () => {
  it('contains every story and docs page the sources define', () => {
    const path = resolve(root, builtIndex ?? '');
    expect(existsSync(path), `${path} exists`).toBe(true);
    const index = JSON.parse(readFileSync(path, 'utf8')) as {
      entries: Record<string, { type: string; title: string }>;
    };
    const built = new Set(Object.keys(index.entries));
    expect([...ids].filter((id) => !built.has(id))).toEqual([]);
    for (const entry of requiredStates) {
      expect(entry.stories.filter((id) => !built.has(id))).toEqual([]);
    }
    const docsTitles = Object.values(index.entries)
      .filter((entry) => entry.type === 'docs')
      .map((entry) => entry.title);
    for (const title of requiredDocsPages) expect(docsTitles).toContain(title);
  });
});
