import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

// Installable on a tablet (Add to Home Screen); the service worker keeps it working offline.
export const metadata: Metadata = {
  title: '邻里巡查 · Linli Field',
  manifest: '/field/manifest.webmanifest',
  icons: { icon: '/field/icon-192.png', apple: '/field/icon-192.png' },
  appleWebApp: { capable: true, title: '邻里巡查', statusBarStyle: 'default' },
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b7a75' };

export default function FieldLayout({ children }: { children: ReactNode }) {
  return children;
}
