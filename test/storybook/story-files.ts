import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCsf } from 'storybook/internal/csf-tools';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** One story as Storybook indexes it. */
export interface IndexedStory {
  id: string;
  name: string;
  title: string;
  file: string;
  tags: readonly string[];
}

/** One CSF file: its meta and its stories. */
export interface IndexedStoryFile {
  file: string;
  title: string;
  component: string | undefined;
  metaTags: readonly string[];
  stories: IndexedStory[];
}

function filesUnder(directory: string, pattern: RegExp): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Every CSF file under stories/, read with Storybook's own CSF parser, so the ids are exactly the
 * ones `storybook build` writes into index.json, without running the build.
 */
export function readStoryFiles(): IndexedStoryFile[] {
  return filesUnder(join(root, 'stories'), /\.stories\.tsx?$/).map((path) => {
    const file = relative(root, path);
    const csf = loadCsf(readFileSync(path, 'utf8'), {
      fileName: file,
      makeTitle: (title) => title,
    }).parse();
    const title = csf.meta?.title;
    if (!title) throw new Error(`${file} has no title in its meta`);
    return {
      file,
      title,
      component: csf.meta?.component,
      metaTags: csf.meta?.tags ?? [],
      stories: csf.stories.map((story) => ({
        id: story.id,
        name: story.name ?? story.id,
        title,
        file,
        tags: story.tags ?? [],
      })),
    };
  });
}

/** Titles of the MDX pages under stories/ (`<Meta title="…" />`). */
export function readDocsPageTitles(): string[] {
  return filesUnder(join(root, 'stories'), /\.mdx$/).flatMap((path) => {
    const match = /<Meta\s+title="([^"]+)"/.exec(readFileSync(path, 'utf8'));
    return match?.[1] ? [match[1]] : [];
  });
}

/**
 * The components the React entry exports (PascalCase names re-exported from src/components/),
 * except providers, which every story already runs inside (the locale toolbar).
 */
export function exportedComponents(): string[] {
  const entry = readFileSync(join(root, 'src/index.ts'), 'utf8');
  const names = new Set<string>();
  for (const match of entry.matchAll(/export\s*\{([^}]*)\}\s*from\s*'\.\/components\/[^']+'/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name =
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? '';
      if (/^[A-Z]/.test(name) && !name.startsWith('type ') && !name.endsWith('Provider')) {
        names.add(name);
      }
    }
  }
  return [...names].sort();
}
