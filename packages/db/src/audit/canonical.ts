import { sm3Hex } from '@linli/security';

/** JSON with sorted keys, so the same value always digests the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function digest(value: unknown): string | null {
  return value === undefined ? null : sm3Hex(canonicalJson(value));
}

export interface ChainedFields {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  organizationId: string | null;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** hash(n) = SM3(hash(n-1) ‖ row n): editing or removing any row breaks every later link. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const fields = [
    row.id,
    row.at.toISOString(),
    row.actorUserId,
    row.actorName,
    row.organizationId,
    row.tenantId,
    row.action,
    row.targetType,
    row.targetId,
    row.summary,
    row.beforeDigest,
    row.afterDigest,
    row.ip,
    row.userAgent,
  ];
  return sm3Hex(prevHash + '\n' + JSON.stringify(fields));
}

export const GENESIS_HASH = '0'.repeat(64);
