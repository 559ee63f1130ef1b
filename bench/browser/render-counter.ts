/** The few fields of a React fiber the counter reads (React 18 and 19 keep these stable). */
export interface Fiber {
  tag: number;
  type: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
}

/** React's flag for "this fiber's component ran in this render". */
export const PERFORMED_WORK = 1;
/** FunctionComponent, ForwardRef, SimpleMemoComponent: what the kit's components are. */
const FUNCTION_TAGS = new Set([0, 11, 15]);

function componentName(fiber: Fiber): string | undefined {
  if (!FUNCTION_TAGS.has(fiber.tag)) return undefined;
  const type = fiber.type as { displayName?: string; name?: string; render?: { name?: string } };
  if (!type) return undefined;
  return type.displayName || type.name || type.render?.name || undefined;
}

/**
 * Adds to `renders`, by component name, the function components that rendered in the commit whose
 * finished tree starts at `fiber`. Same rule as React DevTools: a fiber rendered when it carries
 * PerformedWork; a subtree whose children were not cloned (`child` shared with the previous
 * tree) was skipped by React, and its old fibers still carry the flags of an earlier render, so it
 * is not walked.
 *
 * @example
 * hook.onCommitFiberRoot = (_id, root) => countRenders(root.current, renders);
 */
export function countRenders(fiber: Fiber, renders: Record<string, number>): void {
  const name = componentName(fiber);
  if (name && (fiber.flags & PERFORMED_WORK) !== 0) renders[name] = (renders[name] ?? 0) + 1;
  const previous = fiber.alternate;
  if (previous && previous.child === fiber.child) return;
  for (let child = fiber.child; child; child = child.sibling) countRenders(child, renders);
}

/**
 * A minimal React DevTools hook that hands each committed tree's root fiber to `onCommit`. Install
 * it as `window.__REACT_DEVTOOLS_GLOBAL_HOOK__` before react-dom loads: react-dom reads it once.
 *
 * @example
 * window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = renderCountingHook((fiber) => countRenders(fiber, renders));
 */
export function renderCountingHook(onCommit: (fiber: Fiber) => void) {
  return {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => onCommit(root.current),
  };
}
