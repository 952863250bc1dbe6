import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from './locale-switch';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out';

export interface NavItem {
  href: string;
  label: string;
}

/** The frame every signed-in page shares: brand, where-am-I, navigation, user menu. */
export async function AppShell({ context, nav, user, children }: { context: string; nav: NavItem[]; user: { displayName: string }; children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark">邻</span> {t('brand')}
        </Link>
        <span className="context">{context}</span>
        <div className="topbar-right">
          <LocaleSwitch />
          <Link href="/account" className="btn btn-ghost">
            {user.displayName}
          </Link>
          <SignOutButton />
        </div>
      </header>
      <div className="shell-body">
        {nav.length > 0 && (
          <nav className="sidenav" aria-label={t('navigation')}>
            <NavLinks items={nav} />
          </nav>
        )}
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
