import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';

// The component tests run twice, against React 19 (dom) and React 18 (react18); this pins that
// each project really renders with the React it claims to.
it('renders with the React major version this project is meant to test', () => {
  const expected = process.env.EXPECTED_REACT_MAJOR;
  expect(version.split('.')[0]).toBe(expected);
  expect(domVersion.split('.')[0]).toBe(expected);
  render(<p>React {version}</p>);
  expect(screen.getByText(`React ${version}`)).toBeInTheDocument();
});
