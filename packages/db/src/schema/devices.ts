import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns, tenantRef, timestamps } from './_columns';
import { buildings } from './buildings';
import { tenants } from './tenants';

/**
 * Device ledger (R6.4.1). The secret is shown once at provisioning; only its SHA-256 is kept
 * (device secrets are 32 random bytes, so a slow hash adds nothing but broker latency).
 */
export const devices = pgTable(
  'devices',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    buildingId: uuid('building_id'),
    floor: integer('floor'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /** Group used by linkage: broadcast zone, barrier group (fire_lane), screen group. */
    zone: text('zone'),
    secretHash: text('secret_hash').notNull(),
    /** The same secret in Mosquitto's password-file format, for an external broker (infra/mosquitto). */
    brokerHash: text('broker_hash'),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('devices_code_unique').on(t.tenantId, t.code),
    uniqueIndex('devices_id_idx').on(t.id),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }),
    index('devices_kind_idx').on(t.tenantId, t.kind),
  ],
);

/** Last known state per device: written by the bridge after each committed batch. */
export const deviceState = pgTable(
  'device_state',
  {
    tenantId: uuid('tenant_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    online: boolean('online').notNull().default(false),
    lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'date' }),
    lastSeq: bigint('last_seq', { mode: 'number' }),
    values: jsonb('values').$type<Record<string, number | boolean>>().notNull().default(sql`'{}'::jsonb`),
    firmware: text('firmware'),
    faults: text('faults').array(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.deviceId] }),
    foreignKey({ columns: [t.tenantId, t.deviceId], foreignColumns: [devices.tenantId, devices.id] }).onDelete('cascade'),
  ],
);

/** Readings, range-partitioned by month on ts (see the migration); dedupe on the primary key. */
export const telemetry = pgTable(
  'telemetry',
  {
    tenantId: uuid('tenant_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    metrics: jsonb('metrics').$type<Record<string, number | boolean>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId, t.ts, t.seq] })],
);

/** Device events (alarms, access passes, AI detections), partitioned like telemetry. */
export const deviceEvents = pgTable(
  'device_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    retention: text('retention').notNull().default('telemetry'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId, t.ts, t.seq] }), index('device_events_event_idx').on(t.tenantId, t.event, t.ts)],
);

/** Every message the bridge refused, with why; tenant_id is null when the sender is unknown. */
export const rejectedMessages = pgTable(
  'rejected_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id'),
    deviceId: uuid('device_id'),
    topic: text('topic').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    payload: text('payload'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('rejected_tenant_at_idx').on(t.tenantId, t.receivedAt), index('rejected_reason_idx').on(t.reason)],
);

/**
 * Refused device messages counted per device, reason and minute (the bridge adds to the row). A
 * misbehaving device costs one row a minute per reason, not one per message; `rejected_messages`
 * keeps only a sample of each for reading.
 */
export const rejectedMessageCounts = pgTable(
  'rejected_message_counts',
  {
    tenantId: uuid('tenant_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    reason: text('reason').notNull(),
    /** Start of the minute the messages arrived in. */
    bucket: timestamp('bucket', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // No foreign key to devices, as with telemetry: a count must not fail because its device was
  // removed a moment earlier. Retention purges by bucket.
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId, t.reason, t.bucket] }), index('rejected_counts_bucket_idx').on(t.tenantId, t.bucket)],
);

export const ALARM_STATES = ['raised', 'acknowledged', 'cleared', 'closed'] as const;

export const alarms = pgTable(
  'alarms',
  {
    ...tenantColumns,
    deviceId: uuid('device_id').notNull(),
    ruleId: text('rule_id').notNull(),
    severity: text('severity', { enum: ['info', 'minor', 'major', 'critical'] }).notNull(),
    state: text('state', { enum: ALARM_STATES }).notNull().default('raised'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    value: doublePrecision('value'),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    acknowledgedBy: uuid('acknowledged_by'),
    clearedAt: timestamp('cleared_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: uuid('closed_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.deviceId], foreignColumns: [devices.tenantId, devices.id] }).onDelete('cascade'),
    // One open alarm per device and rule: a repeat bumps occurrences instead of a new row.
    uniqueIndex('alarms_open_unique').on(t.tenantId, t.deviceId, t.ruleId).where(sql`state in ('raised', 'acknowledged')`),
    index('alarms_state_idx').on(t.tenantId, t.state, t.raisedAt),
  ],
);

/** Tenant overrides of a device kind's default alarm rules (value, severity, enabled). */
export const alarmRuleOverrides = pgTable(
  'alarm_rule_overrides',
  {
    tenantId: uuid('tenant_id').notNull(),
    kind: text('kind').notNull(),
    ruleId: text('rule_id').notNull(),
    override: jsonb('override').$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.ruleId] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

export const COMMAND_STATES = ['queued', 'published', 'acked', 'failed', 'expired'] as const;

/** Control (R4.1.4): console/linkage → row → bridge publishes → device acks → latency. */
export const commands = pgTable(
  'commands',
  {
    ...tenantColumns,
    deviceId: uuid('device_id').notNull(),
    name: text('name').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: COMMAND_STATES }).notNull().default('queued'),
    source: text('source', { enum: ['console', 'linkage', 'scene', 'api'] }).notNull().default('console'),
    requestedBy: uuid('requested_by'),
    alarmId: uuid('alarm_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    ackedAt: timestamp('acked_at', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    detail: text('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.deviceId], foreignColumns: [devices.tenantId, devices.id] }).onDelete('cascade'),
    // The alarm may be another device's (linkage): when that device goes, the command stays.
    // Migration 0009 narrows SET NULL to alarm_id (tenant_id is NOT NULL; drizzle cannot say so).
    tenantRef('commands_alarm_fk', t.tenantId, t.alarmId, alarms).onDelete('set null'),
    index('commands_state_idx').on(t.tenantId, t.state, t.createdAt),
    index('commands_device_idx').on(t.tenantId, t.deviceId, t.createdAt),
  ],
);

/** Tenant linkage rules beside the built-in ones (a JSON LinkageRule from @linli/iot). */
export const linkageRules = pgTable(
  'linkage_rules',
  {
    ...tenantColumns,
    rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

/** Linkage runs: what fired, which commands it issued, how long it took (R5.3.1: ≤ 10 s). */
export const linkageRuns = pgTable(
  'linkage_runs',
  {
    ...tenantColumns,
    alarmId: uuid('alarm_id').notNull(),
    ruleId: text('rule_id').notNull(),
    actions: jsonb('actions').$type<unknown[]>().notNull(),
    commandIds: uuid('command_ids').array().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantRef('linkage_runs_alarm_fk', t.tenantId, t.alarmId, alarms).onDelete('cascade'), index('linkage_runs_alarm_idx').on(t.tenantId, t.alarmId)],
);
