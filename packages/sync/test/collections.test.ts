import { describe, expect, it } from 'vitest';
import { COLLECTION_BUDGET, COLLECTION_NAMES, COLLECTIONS, MAX_COLLECTIONS, isReadOnly, type CollectionSpec } from '../src/collections';
import type { JsonSchema } from '../src/schemas/json-schema';
import { validateAgainst } from '../src/validate-schema';
import { aCase, aPhoto, aPlace, aRoute, aRun, aTask, aVisit } from './fixtures';

describe('collections', () => {
  it('stays within 10 collections, well under RxDB’s open-source limit of 13', () => {
    expect(MAX_COLLECTIONS).toBe(13);
    expect(COLLECTION_BUDGET).toBeLessThanOrEqual(10);
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(COLLECTION_BUDGET);
    expect(COLLECTION_NAMES.length).toBeLessThan(MAX_COLLECTIONS);
  });

  it('names the collections the field app needs and marks server data read-only', () => {
    expect(COLLECTION_NAMES.sort()).toEqual(['cases', 'conflicts', 'patrol_routes', 'patrol_runs', 'photos', 'places', 'tasks', 'visits']);
    expect(COLLECTION_NAMES.filter(isReadOnly).sort()).toEqual(['conflicts', 'patrol_routes', 'places']);
  });

  for (const name of COLLECTION_NAMES) {
    const { schema } = COLLECTIONS[name];
    it(`${name}: an RxDB-valid schema with id, tenantId, updatedAt and indexable index fields`, () => {
      // A tablet that stored an older version must be able to migrate: one strategy per version.
      const migrations = (COLLECTIONS[name] as CollectionSpec).migrations ?? {};
      expect(Object.keys(migrations).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: schema.version }, (_, i) => i + 1));
      expect(schema.primaryKey).toBe('id');
      expect(schema.properties.id?.maxLength).toBeGreaterThan(0);
      for (const f of ['id', 'tenantId', 'updatedAt']) expect(schema.required).toContain(f);
      expect(schema.properties._deleted).toBeUndefined(); // RxDB adds it
      expect(schema.properties.rev).toBeUndefined();
      for (const index of schema.indexes ?? []) {
        for (const field of Array.isArray(index) ? index : [index]) {
          const p = schema.properties[field as string] as JsonSchema | undefined;
          expect(p, `${name}.${String(field)}`).toBeDefined();
          // RxDB refuses indexes on optional fields, unbounded strings and unbounded numbers.
          expect(schema.required, `${name}.${String(field)} must be required`).toContain(field);
          if (p?.type === 'string') expect(p.maxLength).toBeGreaterThan(0);
          if (p?.type === 'number' || p?.type === 'integer') {
            expect(p.minimum).toBeDefined();
            expect(p.maximum).toBeDefined();
            expect(p.multipleOf).toBeDefined();
          }
        }
      }
    });
  }

  it('accepts well-formed sample documents of every collection', () => {
    const samples = { cases: aCase(), tasks: aTask(), visits: aVisit(), patrol_routes: aRoute(), patrol_runs: aRun(), places: aPlace(), photos: aPhoto() };
    for (const [name, doc] of Object.entries(samples)) {
      expect(validateAgainst(COLLECTIONS[name as keyof typeof samples].schema, doc), name).toEqual([]);
    }
  });

  it('reports schema violations with their path, in both languages', () => {
    const bad = { ...aCase(), status: 'done', photoIds: ['not-a-uuid'], extra: 1 } as unknown;
    const errors = validateAgainst(COLLECTIONS.cases.schema, bad);
    expect(errors.map((e) => e.path).sort()).toEqual(['extra', 'photoIds/0', 'status']);
    expect(errors.every((e) => e.zh.length > 0 && e.en.length > 0)).toBe(true);
    const { title: _t, ...noTitle } = aCase();
    expect(validateAgainst(COLLECTIONS.cases.schema, noTitle).map((e) => e.path)).toEqual(['title']);
    expect(validateAgainst(COLLECTIONS.cases.schema, { ...aCase(), _deleted: true })).toEqual([]);
  });
});

describe('schema migrations', () => {
  it('visits 0 → 1 changed indexes only: a stored visit comes through unchanged', () => {
    const doc = aVisit() as unknown as Record<string, unknown>;
    expect(COLLECTIONS.visits.migrations[1]!(structuredClone(doc))).toEqual(doc);
  });
});
