import type { AnchorHTMLAttributes } from 'react';

/**
 * Links in the repository's Markdown docs point at neighbouring files (`./openapi.yaml`). This
 * Storybook serves the `docs/` folder at `./repository-docs/` (see `staticDirs` in .storybook/main.ts), so
 * such a link is rewritten to that copy and opens in a new tab; in-page anchors and absolute URLs
 * are left alone.
 */
function RepositoryDocLink({
  href = '',
  children,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) {
    return (
      <a href={href} {...rest}>
        {children}
      </a>
    );
  }
  return (
    <a
      href={`./repository-docs/${href.replace(/^\.\//, '')}`}
      target="_blank"
      rel="noreferrer"
      {...rest}
    >
      {children}
    </a>
  );
}

/** `Markdown` block options for a file from `docs/`. */
export const markdownLinkOptions = { overrides: { a: { component: RepositoryDocLink } } };
