/**
 * The NOTIFY channel the bridge and the API announce live changes on (alarms, commands,
 * online state); each web process LISTENs once and feeds its SSE subscriptions.
 */
export const LIVE_CHANNEL = 'linli_live';

export type LiveEvent =
  | { type: 'alarm'; tenantId: string; alarmId: string; state: string; severity: string; titleZh: string; titleEn: string; deviceId: string; deviceCode: string; at: string }
  | { type: 'command'; tenantId: string; commandId: string; deviceId: string; state: string; latencyMs: number | null; at: string }
  | { type: 'device'; tenantId: string; deviceId: string; online: boolean; at: string }
  /** A committed field-sync write (issue #4): tablets of the tenant pull that collection. */
  | { type: 'field'; tenantId: string; collection: string; checkpoint: { updatedAt: number; id: string } };
