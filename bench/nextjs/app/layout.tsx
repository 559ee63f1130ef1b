import 'salesforce-connect/styles.css';
import type { ReactNode } from 'react';

export const metadata = { title: 'Settings · Salesforce' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
