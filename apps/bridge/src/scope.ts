import type postgres from 'postgres';

/** One transaction limited to the given tenants (RLS), as the web app does per request. */
export function inTenants<T>(sql: postgres.Sql, tenantIds: Iterable<string>, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const ids = [...new Set(tenantIds)].join(',');
  return sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_ids', ${ids}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

/** Every tenant id (the bridge's sweeps look at all communities, one transaction at a time). */
export async function allTenantIds(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select id from tenants where status = 'active'`;
  return rows.map((r) => r.id);
}
