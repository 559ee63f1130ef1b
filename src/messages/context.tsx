import { createContext, type ReactNode, useContext, useMemo } from 'react';

/**
 * Translations for the kit, by message group (`copyField`, `credentialsForm`, `errors`, …). Each
 * group is a partial override of that group's English defaults; the complete set of groups and
 * their types is `SalesforceConnectMessages`.
 */
export type MessageOverrides = { readonly [group: string]: object | undefined };

const MessagesContext = createContext<MessageOverrides>({});

/**
 * Provides translations to every kit component below it. Nested providers merge group by group,
 * inner groups winning, so a page can set a locale once and override a few strings deeper down.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={de}>
 *   <SalesforceConnect adapter={adapter} />
 * </SalesforceConnectMessagesProvider>
 */
export function SalesforceConnectMessagesProvider({
  messages,
  children,
}: {
  messages: MessageOverrides;
  children?: ReactNode;
}) {
  const parent = useContext(MessagesContext);
  const merged = useMemo(() => {
    const next: Record<string, object | undefined> = { ...parent };
    for (const [group, value] of Object.entries(messages)) {
      next[group] = { ...parent[group], ...value };
    }
    return next;
  }, [parent, messages]);
  return <MessagesContext.Provider value={merged}>{children}</MessagesContext.Provider>;
}

/**
 * One group's strings: English defaults, then the nearest provider's group, then the component's
 * own `messages` prop.
 */
export function useMessages<T extends object>(
  group: string,
  defaults: T,
  own?: Partial<T> | undefined,
): T {
  const provided = useContext(MessagesContext)[group] as Partial<T> | undefined;
  return useMemo(() => ({ ...defaults, ...provided, ...own }), [defaults, provided, own]);
}
