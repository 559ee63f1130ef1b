// The bench counts renders per component with its own React DevTools hook (bench/browser/
// render-counter.ts). Proven here against real React in Chromium; the hook is installed by the
// first import, before react-dom loads.
import './react-devtools-hook.js';
import { type Dispatch, memo, type SetStateAction, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { renders } from './react-devtools-hook.js';

let setTyped: Dispatch<SetStateAction<string>> = () => {};
let setApp: Dispatch<SetStateAction<number>> = () => {};

function FormField({ value }: { value: string }) {
  return <input readOnly value={value} />;
}
function Form() {
  const [typed, set] = useState('');
  setTyped = set;
  return <FormField value={typed} />;
}
function GuideStep() {
  return <li>step</li>;
}
function Guide() {
  return (
    <ol>
      <GuideStep />
    </ol>
  );
}
const StableStatus = memo(function Status({ label }: { label: string }) {
  return <p>{label}</p>;
});
function App() {
  const [count, set] = useState(0);
  setApp = set;
  return (
    <main data-count={count}>
      <Guide />
      <Form />
      <StableStatus label="Not connected" />
    </main>
  );
}

describe('countRenders', () => {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);

  it('counts every component once on mount', () => {
    flushSync(() => root.render(<App />));
    expect(renders).toEqual({ App: 1, Guide: 1, GuideStep: 1, Form: 1, FormField: 1, Status: 1 });
  });

  it('counts only the typing subtree when state deep in the form changes', () => {
    for (const text of ['a', 'ab', 'abc']) flushSync(() => setTyped(text));
    // The guide's old fibers still carry their mount's flags: the walk must not reach them.
    expect(renders).toEqual({ App: 1, Guide: 1, GuideStep: 1, Form: 4, FormField: 4, Status: 1 });
  });

  it('counts a parent re-render down to its children, but not past a memo that bailed out', () => {
    flushSync(() => setApp(1));
    expect(renders).toEqual({ App: 2, Guide: 2, GuideStep: 2, Form: 5, FormField: 5, Status: 1 });
    root.unmount();
  });
});
