'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from './app-shell';

/** Side navigation; the item whose path is the longest prefix of the current page is marked. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <>
      {items.map((item) => (
        <Link key={item.href} href={item.href} aria-current={item.href === current ? 'page' : undefined}>
          {item.label}
        </Link>
      ))}
    </>
  );
}
