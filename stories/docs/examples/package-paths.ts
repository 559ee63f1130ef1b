/**
 * Shows an example file from this folder as an integrator writes it: imports from the package's
 * entries instead of the repository's src/ files; with a region name, only that region, under
 * the imports it uses.
 */
const entries: [RegExp, string][] = [
  [/(['"])(?:\.\.\/)+src\/components\/styles\.css\1/g, "'salesforce-connect/styles.css'"],
  [/(['"])(?:\.\.\/)+src\/components\/[A-Za-z]+\.js\1/g, "'salesforce-connect'"],
  [/(['"])(?:\.\.\/)+src\/index\.js\1/g, "'salesforce-connect'"],
  [
    /(['"])(?:\.\.\/)+src\/(adapters|server|core|callback|testing)\/index\.js\1/g,
    "'salesforce-connect/$2'",
  ],
];

const importPattern = /^import\s+(?:\{([^}]*)\}\s+from\s+)?(['"][^'"]+['"]);$/gm;

/** The import statements `body` needs, each trimmed to the names `body` uses. */
function importsUsedBy(source: string, body: string): string[] {
  return [...source.matchAll(importPattern)].flatMap((match) => {
    const [, names, from] = match;
    if (names === undefined) return [`import ${from};`];
    const used = names
      .split(',')
      .map((name) => name.trim())
      .filter((name) => {
        const local =
          name
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop() ?? '';
        return local !== '' && new RegExp(`\\b${local}\\b`).test(body);
      });
    return used.length > 0 ? [`import { ${used.join(', ')} } from ${from};`] : [];
  });
}

export function withPackagePaths(source: string, region?: string): string {
  let body = source.replace(importPattern, '');
  if (region) {
    const open = `// #region ${region}\n`;
    const start = source.indexOf(open);
    const end = source.indexOf(`// #endregion ${region}`);
    if (start === -1 || end === -1) throw new Error(`No region "${region}" in the example.`);
    body = source.slice(start + open.length, end);
  }
  body = body
    .split('\n')
    .filter((line) => !line.startsWith('// The Getting started page'))
    .join('\n')
    .trim();
  let text = [...importsUsedBy(source, body), '', body].join('\n');
  for (const [pattern, replacement] of entries) text = text.replace(pattern, replacement);
  return text;
}
