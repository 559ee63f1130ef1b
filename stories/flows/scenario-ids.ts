import { storyNameFromExport, toId } from 'storybook/internal/csf';
import type { MemoryScenario } from '../../src/adapters/memory-scenarios.js';

/** Title of the stories that play each memory adapter scenario through `<SalesforceConnect/>`. */
export const SCENARIO_STORIES_TITLE = 'Flows/Scenarios';

/**
 * The story export that plays a scenario: `invalid_client_id` → `InvalidClientId`. CSF needs
 * static exports, so the stories are written out; the coverage test holds them to this name.
 */
export const scenarioExportName = (scenario: MemoryScenario) =>
  scenario.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/** Storybook's id of a scenario's story, for links from the docs pages. */
export const scenarioStoryId = (scenario: MemoryScenario) =>
  toId(SCENARIO_STORIES_TITLE, storyNameFromExport(scenarioExportName(scenario)));
