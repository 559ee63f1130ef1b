import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/axe.js';

describe('expectNoAxeViolations', () => {
  it('fails on a text box without a label', async () => {
    const { container } = render(<input type="text" />);
    await expect(expectNoAxeViolations(container)).rejects.toThrow(/label/);
  });

  it('passes a labelled text box', async () => {
    const { container } = render(
      <label>
        Consumer Key <input type="text" />
      </label>,
    );
    await expectNoAxeViolations(container);
  });
});
