import type {
  CaseDoc,
  ConflictDoc,
  PatrolRouteDoc,
  PatrolRunDoc,
  PhotoDoc,
  PlaceDoc,
  TaskDoc,
  VisitDoc,
} from './docs';
import { casesSchema } from './schemas/cases';
import { conflictsMigrations, conflictsSchema } from './schemas/conflicts';
import type { RxSchema } from './schemas/json-schema';
import { patrolRoutesSchema } from './schemas/patrol-routes';
import { patrolRunsSchema } from './schemas/patrol-runs';
import { photosMigrations, photosSchema } from './schemas/photos';
import { placesSchema } from './schemas/places';
import { tasksSchema } from './schemas/tasks';
import { visitsMigrations, visitsSchema } from './schemas/visits';

/** RxDB's open-source build refuses a 14th open collection (error COL23). */
export const MAX_COLLECTIONS = 13;
/** What this app may use, leaving room for RxDB plugins and later features under the limit. */
export const COLLECTION_BUDGET = 10;

/**
 * How the tablet may write a collection:
 * - `none`: read-only (server data for pickers and display); a tablet write is a conflict.
 * - `own`: the tablet creates and edits its worker's own documents (`ownerField` = userId).
 * - `assigned`: server-created; the tablet edits those assigned to its worker.
 * - `shared`: anyone in the tenant may create; edits are checked by the workflow.
 * No outbox collection: RxDB's replication already keeps unpushed writes, and photos carry
 * their own `uploaded` flag, so a queue would only spend one of the 13 slots.
 */
export type TabletWrites = 'none' | 'own' | 'assigned' | 'shared';

export interface CollectionSpec {
  schema: RxSchema;
  /** RxDB migration strategy per schema version above 0 (a tablet keeps its data across versions). */
  migrations?: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>;
  tabletWrites: TabletWrites;
  /** Field naming the user who owns (`own`) or is assigned (`assigned`) the document. */
  ownerField?: string;
  /** Whether the tablet may delete (soft-delete) its documents. */
  tabletDeletes: boolean;
}

export const COLLECTIONS = {
  patrol_routes: { schema: patrolRoutesSchema, tabletWrites: 'none', tabletDeletes: false },
  patrol_runs: { schema: patrolRunsSchema, tabletWrites: 'own', ownerField: 'workerId', tabletDeletes: false },
  tasks: { schema: tasksSchema, tabletWrites: 'assigned', ownerField: 'assigneeId', tabletDeletes: false },
  cases: { schema: casesSchema, tabletWrites: 'shared', tabletDeletes: false },
  visits: { schema: visitsSchema, migrations: visitsMigrations, tabletWrites: 'own', ownerField: 'workerId', tabletDeletes: true },
  places: { schema: placesSchema, tabletWrites: 'none', tabletDeletes: false },
  photos: { schema: photosSchema, migrations: photosMigrations, tabletWrites: 'own', ownerField: 'takenBy', tabletDeletes: true },
  conflicts: { schema: conflictsSchema, migrations: conflictsMigrations, tabletWrites: 'none', tabletDeletes: false },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface DocByCollection {
  patrol_routes: PatrolRouteDoc;
  patrol_runs: PatrolRunDoc;
  tasks: TaskDoc;
  cases: CaseDoc;
  visits: VisitDoc;
  places: PlaceDoc;
  photos: PhotoDoc;
  conflicts: ConflictDoc;
}
export type DocOf<C extends CollectionName> = DocByCollection[C];
export type AnyDoc = DocByCollection[CollectionName];

export const isCollectionName = (name: string): name is CollectionName => Object.hasOwn(COLLECTIONS, name);

export const collectionSpec = (name: CollectionName): CollectionSpec => COLLECTIONS[name];

export const isReadOnly = (name: CollectionName): boolean => COLLECTIONS[name].tabletWrites === 'none';
