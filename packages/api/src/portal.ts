import { permissionsInTenant, ROLE_HOME, roleHas, type AccessProfile } from '@linli/auth';

export interface Home {
  kind: 'admin' | 'district' | 'console' | 'resident';
  href: string;
  labelZh: string;
  labelEn: string;
}

/** Every place the user may work, first the one their first role calls home. */
export function homesOf(profile: AccessProfile, districtCodes: Map<string, { code: string; nameZh: string; nameEn: string }>): Home[] {
  const homes: Home[] = [];
  const seen = new Set<string>();
  const add = (h: Home) => {
    if (!seen.has(h.href)) {
      seen.add(h.href);
      homes.push(h);
    }
  };
  for (const m of profile.memberships) {
    const kind = ROLE_HOME[m.role];
    if (kind === 'admin') add({ kind, href: '/admin', labelZh: '平台管理', labelEn: 'Platform admin' });
    if (kind === 'district' && m.districtId && roleHas(m.role, 'district.view')) {
      const d = districtCodes.get(m.districtId);
      if (d) add({ kind, href: `/district/${d.code}`, labelZh: `${d.nameZh}（街道视图）`, labelEn: `${d.nameEn} (district view)` });
    }
    if (kind === 'console' || kind === 'resident') {
      for (const t of profile.tenants.filter((a) => a.organizationId === m.organizationId && a.role === m.role)) {
        if (kind === 'resident') add({ kind, href: `/r/${t.tenantSlug}`, labelZh: `${t.tenantName}（我的家）`, labelEn: `${t.tenantName} (my home)` });
        else if (permissionsInTenant(profile, t.tenantId).has('tenant.view')) add({ kind, href: `/c/${t.tenantSlug}`, labelZh: t.tenantName, labelEn: t.tenantName });
      }
    }
  }
  return homes;
}
