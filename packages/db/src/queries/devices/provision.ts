import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { checkDeviceRow, type DeviceRow } from '@linli/iot';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg, type Bilingual } from '../../errors';
import { buildings, devices, tenants } from '../../schema';
import { countRows } from '../paging';

export type DeviceInput = DeviceRow;

/** Bridges LISTEN here and drop their cached copy of a device whose credentials or status changed. */
export const DEVICE_CHANNEL = 'linli_devices';

async function announce(tx: Executor, deviceIds: string[]) {
  for (const id of deviceIds) await tx.execute(sql`select pg_notify(${DEVICE_CHANNEL}, ${id})`);
}

export const hashDeviceSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const newDeviceSecret = () => randomBytes(24).toString('base64url');

/** Mosquitto 2's password-file hash ($7$: PBKDF2-SHA512, 101 rounds, 12-byte salt), so an external broker can check the same secret. */
export function brokerPasswordHash(secret: string, salt = randomBytes(12), iterations = 101): string {
  const hash = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Provisions one device or a batch (CSV import) in one transaction: every row is checked first
 * and nothing is written if any row is wrong. Each secret is returned once and stored hashed.
 */
export async function provisionDevices(tx: Executor, params: { tenantId: string; rows: DeviceInput[]; actor: AuditActor }) {
  const { tenantId, rows } = params;
  if (rows.length === 0) throw new AppError('BAD_REQUEST', msg('没有要登记的设备', 'No devices to register'));
  if (rows.length > 5000) throw new AppError('BAD_REQUEST', msg('一次最多登记 5000 台设备', 'At most 5,000 devices per import'));
  // Filtered by tenant as well as by RLS: owner connections (seed, tools) see every tenant.
  const blds = await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const byCode = new Map(blds.map((b) => [b.code, b.id]));
  const buildingCodes = new Set(byCode.keys());
  const rowErrors: Array<{ row: number; field: string; message: Bilingual }> = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    for (const { field, message } of checkDeviceRow(row, { buildingCodes })) rowErrors.push({ row: i + 1, field, message });
    if (seen.has(row.code)) rowErrors.push({ row: i + 1, field: 'code', message: msg(`编号「${row.code}」在文件中重复`, `Code "${row.code}" appears twice in the file`) });
    seen.add(row.code);
  });
  const existing = await tx.select({ code: devices.code }).from(devices).where(and(eq(devices.tenantId, tenantId), inArray(devices.code, rows.map((r) => r.code))));
  for (const e of existing) {
    const i = rows.findIndex((r) => r.code === e.code);
    rowErrors.push({ row: i + 1, field: 'code', message: msg(`编号「${e.code}」已存在`, `Code "${e.code}" already exists`) });
  }
  const [tenant] = await tx.select({ maxDevices: tenants.maxDevices }).from(tenants).where(eq(tenants.id, tenantId));
  const n = await countRows(tx, devices, eq(devices.tenantId, tenantId));
  if (tenant && n + rows.length > tenant.maxDevices) {
    throw new AppError('PRECONDITION_FAILED', msg(`超出套餐设备上限（${tenant.maxDevices}）`, `This would exceed the plan's device quota (${tenant.maxDevices})`));
  }
  if (rowErrors.length) {
    const first = rowErrors[0]!;
    throw new AppError('BAD_REQUEST', msg(`第 ${first.row} 行：${first.message.zh}`, `Row ${first.row}: ${first.message.en}`), {
      rowErrors,
      fieldErrors: rows.length === 1 ? Object.fromEntries(rowErrors.map((r) => [r.field, r.message])) : undefined,
    });
  }
  const created = rows.map((r) => ({ row: r, secret: newDeviceSecret() }));
  const inserted = await tx
    .insert(devices)
    .values(
      created.map(({ row, secret }) => ({
        tenantId,
        code: row.code,
        kind: row.kind,
        name: row.name.trim(),
        buildingId: row.buildingCode ? byCode.get(row.buildingCode)! : null,
        floor: row.floor ?? null,
        lng: row.lng ?? null,
        lat: row.lat ?? null,
        zone: row.zone || null,
        secretHash: hashDeviceSecret(secret),
        brokerHash: brokerPasswordHash(secret),
      })),
    )
    .returning({ id: devices.id, code: devices.code });
  await announce(tx, inserted.map((d) => d.id));
  await appendAudit(tx, params.actor, {
    action: rows.length === 1 ? 'devices.create' : 'devices.import',
    tenantId,
    targetType: 'device',
    targetId: rows.length === 1 ? inserted[0]!.id : undefined,
    summary: `${rows.length} device(s): ${rows.slice(0, 5).map((r) => r.code).join(', ')}${rows.length > 5 ? '…' : ''}`,
  });
  const secretByCode = new Map(created.map((c) => [c.row.code, c.secret]));
  return inserted.map((d) => ({ id: d.id, code: d.code, secret: secretByCode.get(d.code)! }));
}

/** Issues a new secret (the old one stops working at the next connection). */
export async function rotateDeviceSecret(tx: Executor, params: { tenantId: string; deviceId: string; actor: AuditActor }) {
  const secret = newDeviceSecret();
  const [row] = await tx.update(devices).set({ secretHash: hashDeviceSecret(secret), brokerHash: brokerPasswordHash(secret), updatedAt: new Date() }).where(and(eq(devices.tenantId, params.tenantId), eq(devices.id, params.deviceId))).returning({ id: devices.id, code: devices.code });
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该设备', 'Device not found'));
  await announce(tx, [row.id]);
  await appendAudit(tx, params.actor, { action: 'devices.rotate_secret', tenantId: params.tenantId, targetType: 'device', targetId: row.id, summary: row.code });
  return { id: row.id, code: row.code, secret };
}

export async function setDeviceEnabled(tx: Executor, params: { tenantId: string; deviceId: string; enabled: boolean; actor: AuditActor }) {
  const [row] = await tx.update(devices).set({ enabled: params.enabled, updatedAt: new Date() }).where(and(eq(devices.tenantId, params.tenantId), eq(devices.id, params.deviceId))).returning({ id: devices.id, code: devices.code });
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该设备', 'Device not found'));
  await announce(tx, [row.id]);
  await appendAudit(tx, params.actor, { action: params.enabled ? 'devices.enable' : 'devices.disable', tenantId: params.tenantId, targetType: 'device', targetId: row.id, summary: row.code });
  return row;
}
